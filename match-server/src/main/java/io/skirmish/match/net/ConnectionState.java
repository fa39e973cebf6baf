package io.skirmish.match.net;

import io.netty.channel.Channel;
import io.skirmish.match.queue.QueueService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one client connection carries: the players logged in on it (a connection may carry
 * several, e.g. a bot driver or a party client, up to a limit) and the tickets their leaders
 * joined here. Touched by the connection's event loop, the request workers and the push
 * delivery, hence concurrent collections.
 */
public final class ConnectionState {

    private final Channel channel;
    private final Set<String> players = ConcurrentHashMap.newKeySet();
    private final Map<String, QueueService.Joined> ticketsByLeader = new ConcurrentHashMap<>();
    /** The player the request being read speaks for; event loop only, hence a plain field. */
    private String authenticatedPlayer;

    public ConnectionState(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    public Set<String> players() {
        return players;
    }

    /**
     * Records the player the request now passing the chain speaks for (null for one that carries
     * no session): set by the authentication step, read by the dispatcher on the same event-loop
     * pass, so no wrapper object travels with each message.
     */
    void authenticated(String playerId) {
        authenticatedPlayer = playerId;
    }

    /** The player {@link #authenticated} recorded for the request being read; event loop only. */
    String authenticatedPlayer() {
        return authenticatedPlayer;
    }

    public void joined(QueueService.Joined joined) {
        ticketsByLeader.put(joined.playerIds().get(0), joined);
    }

    /** The player's ticket is over here (matched, left or expired): no more status pushes or clean-up. */
    public void ticketEnded(String playerId) {
        ticketsByLeader.remove(playerId);
    }

    /** Takes the ticket {@code playerId} leads here, if any (its session moved to another connection). */
    public QueueService.Joined takeTicket(String playerId) {
        return ticketsByLeader.remove(playerId);
    }

    public List<QueueService.Joined> tickets() {
        return new ArrayList<>(ticketsByLeader.values());
    }

    /** Takes every ticket, for the clean-up when the connection closes. */
    public List<QueueService.Joined> drainTickets() {
        List<QueueService.Joined> all = new ArrayList<>();
        for (String leader : List.copyOf(ticketsByLeader.keySet())) {
            QueueService.Joined joined = ticketsByLeader.remove(leader);
            if (joined != null) {
                all.add(joined);
            }
        }
        return all;
    }
}
