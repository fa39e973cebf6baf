package io.skirmish.match.recovery;

import io.skirmish.match.queue.AllocatedTickets;
import io.skirmish.match.queue.MatchKeys;

import java.util.List;
import java.util.Map;

/**
 * A match whose game server was lost, as its fate record kept it: the abort of it is claimed
 * by one match-server, which then records the result, requeues the tickets and tells the players.
 *
 * @param matchId  the match
 * @param serverId the lost game server
 * @param slots    {@code player=team,...} (team 0-based), every player of the match
 * @param tickets  {@link AllocatedTickets} text: the tickets to put back, per queue
 * @param reason   why it was aborted ({@code server_lost})
 */
public record LostMatch(String matchId, String serverId, String slots, String tickets, String reason) {

    /** The tickets per queue (parties whole: one ticket is one party). */
    public Map<MatchKeys.Queue, List<String>> ticketsByQueue() {
        return AllocatedTickets.decode(tickets);
    }
}
