package io.skirmish.game.tick;

import java.util.Arrays;

/**
 * Which members (matches) tick in which phase of the period, kept balanced: a new member joins
 * the phase with the least weight (players) at that moment, the lowest such phase on a tie, so
 * an empty roster fills the phases in turn and a phase emptied by ended matches is refilled
 * first. Balance is what spreads the work, and the snapshots, evenly over the tick period.
 *
 * <p>Each phase is a compact array, so the agent walks a phase's members without a lookup;
 * removing one moves the phase's last member into its place. Arrays grow on adoption (once per
 * match), never on the tick path. Single-threaded (the tick agent).
 */
final class PhaseRoster<T> {

    private static final int INITIAL_PER_PHASE = 16;

    private final Object[][] members;
    private final int[][] weights;
    private final int[] sizes;
    private final long[] phaseWeights;

    PhaseRoster(int phaseCount) {
        members = new Object[phaseCount][INITIAL_PER_PHASE];
        weights = new int[phaseCount][INITIAL_PER_PHASE];
        sizes = new int[phaseCount];
        phaseWeights = new long[phaseCount];
    }

    /** Adds {@code member} to the lightest phase and returns that phase. */
    int add(T member, int weight) {
        int phase = lightestPhase();
        int size = sizes[phase];
        if (size == members[phase].length) {
            members[phase] = Arrays.copyOf(members[phase], size * 2);
            weights[phase] = Arrays.copyOf(weights[phase], size * 2);
        }
        members[phase][size] = member;
        weights[phase][size] = weight;
        sizes[phase] = size + 1;
        phaseWeights[phase] += weight;
        return phase;
    }

    private int lightestPhase() {
        int lightest = 0;
        for (int phase = 1; phase < sizes.length; phase++) {
            if (phaseWeights[phase] < phaseWeights[lightest]) {
                lightest = phase;
            }
        }
        return lightest;
    }

    /** Members in {@code phase}; valid positions are 0 .. size - 1. */
    int size(int phase) {
        return sizes[phase];
    }

    @SuppressWarnings("unchecked")
    T member(int phase, int position) {
        return (T) members[phase][position];
    }

    /**
     * Removes the member at {@code position}; the phase's last member takes its place, so a caller
     * walking the phase visits {@code position} again.
     */
    void removeAt(int phase, int position) {
        int last = sizes[phase] - 1;
        phaseWeights[phase] -= weights[phase][position];
        members[phase][position] = members[phase][last];
        weights[phase][position] = weights[phase][last];
        members[phase][last] = null;
        sizes[phase] = last;
    }

    /** The summed weight of {@code phase}'s members. */
    long weight(int phase) {
        return phaseWeights[phase];
    }

    int phaseCount() {
        return sizes.length;
    }
}
