package io.skirmish.match.recovery;

import io.skirmish.kit.events.EventDoc;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.Matchmaker;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.protocol.match.v1.MatchAborted;
import io.skirmish.protocol.match.v1.ServerMessage;

import java.util.List;
import java.util.Map;

/**
 * What an aborted match leaves behind, built from its {@link LostMatch} record and the time of
 * the abort (pure): the one {@code MatchResult} with {@code END_REASON_ABORTED} (ranking
 * acknowledges it and rates nothing; its match id is the idempotency key, so a result the
 * server did write first wins), the {@code match_aborted} event, and each player's push.
 */
public final class AbortedMatchRecord {

    private final LostMatch match;
    private final Map<String, Integer> teams;
    private final GameMode mode;
    private final MatchKeys.Queue queue;

    public AbortedMatchRecord(LostMatch match) {
        this.match = match;
        this.teams = Matchmaker.parseSlots(match.slots());
        Map<MatchKeys.Queue, List<String>> tickets = match.ticketsByQueue();
        this.queue = tickets.isEmpty() ? null : tickets.keySet().iterator().next();
        this.mode = queue == null ? GameMode.GAME_MODE_UNSPECIFIED : queue.mode().wire();
    }

    /** Every player of the match, in slot order. */
    public List<String> players() {
        return List.copyOf(teams.keySet());
    }

    /** The aborted result: every player with its team, no winner, started and ended at the abort. */
    public MatchResult result(long abortedAtMs) {
        MatchResult.Builder result = MatchResult.newBuilder().setMatchId(match.matchId()).setMode(mode)
                .setStartedAtMs(abortedAtMs).setEndedAtMs(abortedAtMs).setWinnerTeam(0)
                .setEndReason(EndReason.END_REASON_ABORTED);
        teams.forEach((player, team) -> result.addPlayers(PlayerResult.newBuilder().setPlayerId(player)
                .setTeam(team + 1).setPlacement(1).setDisconnected(true)));
        return result.build();
    }

    /** The {@code match_aborted} event (its id is per match, so a repeated abort is one document). */
    public EventDoc event(long abortedAtMs, int requeuedPlayers) {
        return EventDoc.start("match_aborted:" + match.matchId(), "match_aborted", abortedAtMs, "match-server")
                .field("match_id", match.matchId()).field("server_id", match.serverId())
                .field("reason", match.reason()).field("mode", queue == null ? "" : queue.mode().wireName())
                .field("region", queue == null ? "" : queue.region())
                .field("players_count", (long) teams.size()).field("requeued_count", (long) requeuedPlayers);
    }

    /** The push to a player (the hub names the player): why, and whether its ticket is back in the queue. */
    public ServerMessage notice(boolean requeued) {
        MatchAborted.Builder aborted = MatchAborted.newBuilder().setMatchId(match.matchId())
                .setReason(reasonText(match.reason())).setRequeued(requeued).setMode(mode);
        if (queue != null) {
            aborted.setRegion(queue.region());
        }
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setMatchAborted(aborted).build();
    }

    /** The reason in a player's words: a lost server, or one that gave the match back without hosting it. */
    static String reasonText(String reason) {
        return switch (reason) {
            case "server_lost" -> "game server lost";
            case "refused" -> "game server refused the match";
            case "invalid_allocation" -> "game server could not host the match";
            default -> reason;
        };
    }
}
