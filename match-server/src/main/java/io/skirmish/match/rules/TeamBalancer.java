package io.skirmish.match.rules;

import java.util.List;

/**
 * Puts groups (solo players and whole parties) on teams of exactly {@code teamSize} players (the
 * mode's players per team, or fewer in a short squad: {@link QueueMode#teamSize}) so that the gap
 * between the strongest and the weakest team is smallest. A team's
 * strength is the sum over its groups of {@code group mu x group size}. Exhaustive search:
 * at most 8 groups (free-for-all, where every assignment is equivalent and the first one is
 * taken) or 6 (squad), so a few hundred states at most.
 */
public final class TeamBalancer {

    private TeamBalancer() {
    }

    /** Whether the groups' sizes fit into the mode's full teams (ignoring skill). */
    public static boolean packable(QueueMode mode, List<Candidate> groups) {
        return packable(mode, mode.playersPerTeam(), groups);
    }

    /** Whether the groups' sizes fit into the mode's teams of {@code teamSize} players each (ignoring skill). */
    public static boolean packable(QueueMode mode, int teamSize, List<Candidate> groups) {
        int[] free = new int[mode.teams()];
        java.util.Arrays.fill(free, teamSize);
        return pack(groups, 0, free, teamSize);
    }

    private static boolean pack(List<Candidate> groups, int index, int[] free, int capacity) {
        if (index == groups.size()) {
            return true;
        }
        int size = groups.get(index).size();
        boolean triedEmpty = false;
        for (int team = 0; team < free.length; team++) {
            boolean empty = free[team] == capacity;
            if (free[team] < size || (empty && triedEmpty)) {
                continue; // too small, or symmetric to the empty team already tried
            }
            triedEmpty |= empty;
            free[team] -= size;
            boolean ok = pack(groups, index + 1, free, capacity);
            free[team] += size;
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** The result of balancing. */
    public record Balance(int[] teams, double gap) {
    }

    /**
     * The assignment with the smallest team gap (mean mu per team), or null when the mode does not
     * admit the groups' total or they do not fill its teams exactly. A short FFA lobby (at least
     * {@link QueueMode#minPlayers()}) takes the first teams, one player each; a short squad has
     * teams of {@link QueueMode#teamSize} (2v2 from 4 players).
     */
    public static Balance balance(QueueMode mode, List<Candidate> groups) {
        int total = groups.stream().mapToInt(Candidate::size).sum();
        if (!mode.admits(total)) {
            return null;
        }
        Search search = new Search(mode, mode.teamSize(total), groups);
        search.run(0);
        return search.best == null ? null : new Balance(search.best, search.bestGap);
    }

    private static final class Search {
        private final QueueMode mode;
        private final int teamSize;
        private final List<Candidate> groups;
        private final int[] assignment;
        private final int[] free;
        private final double[] strength;
        private int[] best;
        private double bestGap = Double.POSITIVE_INFINITY;

        Search(QueueMode mode, int teamSize, List<Candidate> groups) {
            this.mode = mode;
            this.teamSize = teamSize;
            this.groups = groups;
            this.assignment = new int[groups.size()];
            this.free = new int[mode.teams()];
            this.strength = new double[mode.teams()];
            java.util.Arrays.fill(free, teamSize);
        }

        void run(int index) {
            if (bestGap == 0) {
                return;
            }
            if (index == groups.size()) {
                double max = Double.NEGATIVE_INFINITY;
                double min = Double.POSITIVE_INFINITY;
                for (double s : strength) {
                    double mean = s / teamSize;
                    max = Math.max(max, mean);
                    min = Math.min(min, mean);
                }
                // Free-for-all: every player is a team of one, so there is no team gap to minimise.
                double gap = mode.teams() > 2 && mode.playersPerTeam() == 1 ? 0 : max - min;
                if (gap < bestGap) {
                    bestGap = gap;
                    best = assignment.clone();
                }
                return;
            }
            Candidate group = groups.get(index);
            boolean triedEmpty = false;
            for (int team = 0; team < free.length; team++) {
                if (free[team] < group.size()) {
                    continue;
                }
                boolean empty = free[team] == teamSize;
                if (empty && triedEmpty) {
                    continue; // symmetric to the empty team already tried
                }
                triedEmpty |= empty;
                free[team] -= group.size();
                strength[team] += group.skill().mu() * group.size();
                assignment[index] = team;
                run(index + 1);
                free[team] += group.size();
                strength[team] -= group.skill().mu() * group.size();
            }
        }
    }
}
