package io.skirmish.ranking.store;

import java.util.List;

import io.skirmish.ranking.rating.Rating;

/**
 * Everything one apply script writes for a result, computed in Java from a {@link MatchSnapshot}.
 *
 * @param matchId         idempotency key
 * @param mode            the rated mode
 * @param seasonId        the season the snapshot saw as running (checked again by the script)
 * @param versionToken    unique per attempt; becomes every player's {@code v}
 * @param achievedAtMs    the match's end: tie-break time and daily/weekly period
 * @param dailyKey        daily period key, or {@code null} when that board has expired (too old)
 * @param dailyExpireAtS  when the daily board expires (epoch seconds)
 * @param weeklyKey       weekly period key, or {@code null} when expired
 * @param weeklyExpireAtS when the weekly board expires (epoch seconds)
 * @param players         per player, in result order
 * @param eventPayload    what the marker keeps to re-emit {@code rating_changed} events
 */
public record Commit(String matchId, Mode mode, String seasonId, String versionToken, long achievedAtMs,
                     String dailyKey, long dailyExpireAtS, String weeklyKey, long weeklyExpireAtS,
                     List<PlayerWrite> players, String eventPayload) {

    public Commit {
        players = List.copyOf(players);
    }

    /** One player's new state. {@code expectedVersion} is '' for a player never rated in the mode. */
    public record PlayerWrite(String playerId, String expectedVersion, Rating after, String outcomeField, int kills) {
    }
}
