package io.skirmish.match.rules;

import java.util.List;
import java.util.Map;

/**
 * A waiting ticket as formation sees it: one solo player or one party, never split.
 *
 * @param ticketId   ticket id
 * @param queueRegion the region of the queue the ticket waits in (its preferred region)
 * @param playerIds  the players, leader first (1..3)
 * @param skill      the ticket's skill (a party's aggregate, see {@link Skill#party})
 * @param enqueuedMs when the ticket joined, epoch ms
 * @param rttMs      measured round-trip time per region (may be empty)
 */
public record Candidate(String ticketId, String queueRegion, List<String> playerIds, Skill skill, long enqueuedMs,
                        Map<String, Integer> rttMs) {

    public Candidate {
        playerIds = List.copyOf(playerIds);
        rttMs = Map.copyOf(rttMs);
        if (playerIds.isEmpty()) {
            throw new IllegalArgumentException("ticket " + ticketId + " has no players");
        }
    }

    public int size() {
        return playerIds.size();
    }

    public long waitMs(long nowMs) {
        return Math.max(0, nowMs - enqueuedMs);
    }
}
