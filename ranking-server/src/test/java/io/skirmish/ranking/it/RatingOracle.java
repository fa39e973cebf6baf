package io.skirmish.ranking.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.ranking.rating.Rating;

/**
 * The reference: a single in-memory pass over results with the same Plackett-Luce engine, no
 * Redis, no concurrency. Keys are {@code <mode>:<playerId>} (mode as in keys: duel, squad, ffa).
 */
final class RatingOracle {

    private final PlackettLuce engine = new PlackettLuce();
    final Map<String, Rating> ratings = new HashMap<>();
    final Map<String, Integer> matches = new HashMap<>();
    final Map<String, Integer> wins = new HashMap<>();

    void apply(MatchResult result) {
        String mode = result.getMode().name().substring("GAME_MODE_".length()).toLowerCase(java.util.Locale.ROOT);
        Map<Integer, List<PlayerResult>> byTeam = new TreeMap<>();
        for (PlayerResult player : result.getPlayersList()) {
            byTeam.computeIfAbsent(player.getTeam(), key -> new ArrayList<>()).add(player);
        }
        List<List<Rating>> teams = new ArrayList<>();
        int[] ranks = new int[byTeam.size()];
        int t = 0;
        for (List<PlayerResult> team : byTeam.values()) {
            List<Rating> ratingsOfTeam = new ArrayList<>();
            for (PlayerResult player : team) {
                ratingsOfTeam.add(ratings.getOrDefault(mode + ":" + player.getPlayerId(), engine.options().newRating()));
            }
            teams.add(ratingsOfTeam);
            ranks[t++] = team.get(0).getPlacement();
        }
        List<List<Rating>> rated = engine.rate(teams, ranks);
        t = 0;
        for (List<PlayerResult> team : byTeam.values()) {
            for (int i = 0; i < team.size(); i++) {
                PlayerResult player = team.get(i);
                String key = mode + ":" + player.getPlayerId();
                ratings.put(key, rated.get(t).get(i));
                matches.merge(key, 1, Integer::sum);
                if (player.getTeam() == result.getWinnerTeam()) {
                    wins.merge(key, 1, Integer::sum);
                }
            }
            t++;
        }
    }
}
