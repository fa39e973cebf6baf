package io.skirmish.game.world;

/**
 * Final placements, 1 being best and equal numbers meaning a tie (the ranking server rates
 * ties as ties). Team modes place the winning team first and everyone else second, or all
 * first on a draw. Free-for-all orders by kills, then fewer deaths, with standard competition
 * ranking (1, 2, 2, 4).
 */
final class Placements {

    private Placements() {
    }

    static void assign(MatchMode mode, int[] team, int winningTeam, int[] kills, int[] deaths, int[] placement) {
        int players = placement.length;
        if (!mode.respawns()) {
            for (int player = 0; player < players; player++) {
                placement[player] = winningTeam < 0 || team[player] == winningTeam ? 1 : 2;
            }
            return;
        }
        for (int player = 0; player < players; player++) {
            int better = 0;
            for (int other = 0; other < players; other++) {
                if (beats(other, player, kills, deaths)) {
                    better++;
                }
            }
            placement[player] = better + 1;
        }
    }

    private static boolean beats(int a, int b, int[] kills, int[] deaths) {
        if (kills[a] != kills[b]) {
            return kills[a] > kills[b];
        }
        return deaths[a] < deaths[b];
    }
}
