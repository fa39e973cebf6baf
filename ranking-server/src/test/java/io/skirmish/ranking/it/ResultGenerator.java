package io.skirmish.ranking.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;

/** Deterministic random match results over a pool of players: duels, squads and free-for-alls, with draws and ties. */
public final class ResultGenerator {

    private final Random random;
    private final int poolSize;
    private final long firstEndMs;
    private int next;

    public ResultGenerator(long seed, int poolSize, long firstEndMs) {
        this.random = new Random(seed);
        this.poolSize = poolSize;
        this.firstEndMs = firstEndMs;
    }

    /** A duel that ended now: {@code winner} (team 1, one kill) beat {@code loser}. */
    public static MatchResult duel(String id, String winner, String loser) {
        return MatchResult.newBuilder().setMatchId(id).setMode(GameMode.GAME_MODE_DUEL)
                .setEndedAtMs(System.currentTimeMillis()).setWinnerTeam(1).setEndReason(EndReason.END_REASON_VICTORY)
                .addPlayers(PlayerResult.newBuilder().setPlayerId(winner).setTeam(1).setPlacement(1).setKills(1))
                .addPlayers(PlayerResult.newBuilder().setPlayerId(loser).setTeam(2).setPlacement(2))
                .build();
    }

    public List<MatchResult> results(int count, String prefix) {
        List<MatchResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(next(prefix));
        }
        return results;
    }

    MatchResult next(String prefix) {
        int n = next++;
        int roll = random.nextInt(4);
        GameMode mode = roll < 2 ? GameMode.GAME_MODE_DUEL : roll == 2 ? GameMode.GAME_MODE_SQUAD : GameMode.GAME_MODE_FFA;
        int teams = mode == GameMode.GAME_MODE_FFA ? 8 : 2;
        int perTeam = mode == GameMode.GAME_MODE_SQUAD ? 3 : 1;
        List<String> players = pick(teams * perTeam);
        int[] placements = new int[teams];
        if (mode == GameMode.GAME_MODE_FFA) {
            List<Integer> order = new ArrayList<>();
            for (int t = 1; t <= teams; t++) {
                order.add(t);
            }
            Collections.shuffle(order, random);
            for (int t = 0; t < teams; t++) {
                placements[t] = order.get(t);
            }
            if (random.nextInt(5) == 0) {
                // a tie somewhere in the field
                int a = random.nextInt(teams);
                int b = (a + 1) % teams;
                placements[b] = placements[a];
            }
        } else if (random.nextInt(10) == 0) {
            placements[0] = 1;
            placements[1] = 1;
        } else {
            int winner = random.nextInt(2);
            placements[winner] = 1;
            placements[1 - winner] = 2;
        }
        int winnerTeam = 0;
        int best = Integer.MAX_VALUE;
        int bestCount = 0;
        for (int t = 0; t < teams; t++) {
            if (placements[t] < best) {
                best = placements[t];
                bestCount = 1;
                winnerTeam = t + 1;
            } else if (placements[t] == best) {
                bestCount++;
            }
        }
        if (bestCount > 1) {
            winnerTeam = 0;
        }
        MatchResult.Builder result = MatchResult.newBuilder()
                .setMatchId(prefix + "-" + n)
                .setMode(mode)
                .setStartedAtMs(firstEndMs + n * 1000L - 300_000)
                .setEndedAtMs(firstEndMs + n * 1000L)
                .setWinnerTeam(winnerTeam)
                .setEndReason(EndReason.END_REASON_VICTORY);
        for (int p = 0; p < players.size(); p++) {
            int team = p / perTeam;
            result.addPlayers(PlayerResult.newBuilder().setPlayerId(players.get(p)).setTeam(team + 1)
                    .setPlacement(placements[team]).setKills(random.nextInt(6)).setDeaths(random.nextInt(6)));
        }
        return result.build();
    }

    private List<String> pick(int count) {
        List<String> chosen = new ArrayList<>(count);
        while (chosen.size() < count) {
            String id = "p" + random.nextInt(poolSize);
            if (!chosen.contains(id)) {
                chosen.add(id);
            }
        }
        return chosen;
    }
}
