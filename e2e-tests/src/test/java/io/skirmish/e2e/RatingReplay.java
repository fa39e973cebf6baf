package io.skirmish.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.ranking.ingest.RatedMatch;
import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.ranking.rating.Rating;
import io.skirmish.ranking.store.RankingKeys;

/**
 * Replays OpenSkill (Plackett-Luce, default options, as the stack runs) over the applied
 * results in commit order, from new players, and gives every rating it ends with: what Redis
 * must hold if each applied result was applied exactly once and nothing else touched a rating.
 * Pure: the caller reads Redis.
 */
final class RatingReplay {

    private final PlackettLuce engine = new PlackettLuce();
    private final Map<String, Rating> ratings = new HashMap<>();

    /** Applies one match on top of the replayed ratings; call in commit order. */
    void apply(RatedMatch match) {
        List<List<Rating>> before = new ArrayList<>();
        for (RatedMatch.Team team : match.teams()) {
            List<Rating> side = new ArrayList<>();
            for (RatedMatch.Player player : team.players()) {
                side.add(ratings.getOrDefault(key(match, player), engine.newRating()));
            }
            before.add(side);
        }
        List<List<Rating>> after = engine.rate(before, match.ranks());
        for (int t = 0; t < after.size(); t++) {
            List<RatedMatch.Player> players = match.teams().get(t).players();
            for (int i = 0; i < players.size(); i++) {
                ratings.put(key(match, players.get(i)), after.get(t).get(i));
            }
        }
    }

    /** Replayed rating by its Redis key ({@code skirmish:{rk}:rating:<mode>:<player>}). */
    Map<String, Rating> ratings() {
        return Map.copyOf(ratings);
    }

    private static String key(RatedMatch match, RatedMatch.Player player) {
        return RankingKeys.rating(match.mode(), player.playerId());
    }
}
