package io.skirmish.match.queue;

import io.skirmish.match.rules.Candidate;
import io.skirmish.match.rules.Skill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ticket as stored in its queue's hash: one solo player or one party.
 *
 * @param id         random id, unique
 * @param queue      the queue it waits in
 * @param playerIds  leader first
 * @param skill      aggregated skill (see {@link Skill#party})
 * @param enqueuedMs when it joined
 * @param rttMs      measured RTT per region
 * @param owner      the match-server instance holding the leader's connection
 */
public record Ticket(String id, MatchKeys.Queue queue, List<String> playerIds, Skill skill, long enqueuedMs,
                     Map<String, Integer> rttMs, String owner) {

    public Ticket {
        playerIds = List.copyOf(playerIds);
        rttMs = Map.copyOf(rttMs);
    }

    public String leader() {
        return playerIds.get(0);
    }

    public Candidate candidate() {
        return new Candidate(id, queue.region(), playerIds, skill, enqueuedMs, rttMs);
    }

    /** {@code eu=30,us=90}. */
    static String encodeRtts(Map<String, Integer> rtts) {
        StringBuilder text = new StringBuilder();
        rtts.forEach((region, rtt) -> text.append(text.length() == 0 ? "" : ",").append(region).append('=').append(rtt));
        return text.toString();
    }

    static Map<String, Integer> decodeRtts(String text) {
        Map<String, Integer> rtts = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return rtts;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                try {
                    rtts.put(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)));
                } catch (NumberFormatException ignored) {
                    // written by us; a bad entry is skipped rather than failing formation
                }
            }
        }
        return rtts;
    }
}
