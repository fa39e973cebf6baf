package io.skirmish.match.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage "settle": commits one queue's part of allocated matches (one call: the tickets are marked
 * matched and remember their server), and afterwards frees the players' queue index entries (one
 * call), also for tickets that expired. The notify stage runs between the two (see
 * {@link Matchmaker}). Called on placement threads, one queue each.
 */
final class SettleStage {

    /** A match to commit in one queue: where it was placed, and its home region. */
    record Settle(String matchId, Allocator.Placement placement, String region) {
    }

    /** A committed match: the tickets of this queue it marked matched. */
    record Settled(Settle match, List<TicketStore.Committed> tickets) {
    }

    private final FormationStore.Commits store;
    private final MatchmakerPorts.PlayerIndex players;

    SettleStage(FormationStore.Commits store, MatchmakerPorts.PlayerIndex players) {
        this.store = store;
        this.players = players;
    }

    List<Settled> commit(MatchKeys.Queue queue, List<Settle> matches) {
        List<TicketStore.Commit> commits = new ArrayList<>(matches.size());
        for (Settle settle : matches) {
            Allocator.Placement placed = settle.placement();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("match", settle.matchId());
            fields.put("server", placed.serverId());
            fields.put("host", placed.host());
            fields.put("tcp_port", Integer.toString(placed.tcpPort()));
            fields.put("udp_port", Integer.toString(placed.udpPort()));
            fields.put("slots", placed.slots());
            commits.add(new TicketStore.Commit(settle.matchId(), fields));
        }
        List<List<TicketStore.Committed>> committed = store.commitAll(queue, commits);
        List<Settled> settled = new ArrayList<>(matches.size());
        for (int i = 0; i < matches.size(); i++) {
            settled.add(new Settled(matches.get(i), committed.get(i)));
        }
        return settled;
    }

    /**
     * Frees the index entries of the committed tickets' players, so they may queue again at once,
     * and writes their matched pointers in the same call, so at every instant one of the two
     * names the ticket and a status request can still re-send its MatchFound.
     */
    void freeIndex(MatchKeys.Queue queue, List<Settled> settled) {
        List<PlayerDirectory.Request> free = new ArrayList<>();
        for (Settled match : settled) {
            for (TicketStore.Committed ticket : match.tickets()) {
                free.add(request(queue, ticket.ticketId(), ticket.players()));
            }
        }
        players.settleAll(free);
    }

    /** Frees the index entries of tickets the round call expired. */
    void freeExpired(MatchKeys.Queue queue, List<TicketStore.Expired> expired) {
        List<PlayerDirectory.Request> free = new ArrayList<>(expired.size());
        for (TicketStore.Expired ticket : expired) {
            free.add(request(queue, ticket.ticketId(), ticket.players()));
        }
        players.releaseAll(free);
    }

    private static PlayerDirectory.Request request(MatchKeys.Queue queue, String ticketId, List<String> players) {
        return new PlayerDirectory.Request(queue.mode(), players,
                new PlayerDirectory.Entry(queue.mode(), queue.region(), ticketId));
    }

    /** {@code player=team,...} (teams from 0) as a map; parts without {@code =} are skipped. */
    static Map<String, Integer> parseSlots(String slots) {
        Map<String, Integer> teams = new LinkedHashMap<>();
        if (slots == null || slots.isEmpty()) {
            return teams;
        }
        for (String part : slots.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq > 0) {
                teams.put(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)));
            }
        }
        return teams;
    }
}
