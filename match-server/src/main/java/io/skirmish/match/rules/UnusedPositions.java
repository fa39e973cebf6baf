package io.skirmish.match.rules;

/**
 * Positions {@code 0..n-1} (tickets in skill order) of which some are used, with the nearest
 * unused one below or above any position found in near-constant time: each used position points
 * past itself, and lookups shorten the chains they walk (path compression). Without it, a
 * formation round walked over every ticket already placed this round, and a backlog made the
 * round quadratic in the queue's length. Not thread-safe (one round's state).
 */
final class UnusedPositions {

    private final int[] below;
    private final int[] above;

    UnusedPositions(int size) {
        below = new int[size];
        above = new int[size];
        for (int i = 0; i < size; i++) {
            below[i] = i;
            above[i] = i;
        }
    }

    void use(int position) {
        below[position] = position - 1;
        above[position] = position + 1;
    }

    /** The nearest unused position at or below {@code position}, or -1. */
    int atOrBelow(int position) {
        int root = position;
        while (root >= 0 && below[root] != root) {
            root = below[root];
        }
        while (position >= 0 && below[position] != position) {
            int next = below[position];
            below[position] = root;
            position = next;
        }
        return root;
    }

    /** The nearest unused position at or above {@code position}, or the size when there is none. */
    int atOrAbove(int position) {
        int end = above.length;
        int root = position;
        while (root < end && above[root] != root) {
            root = above[root];
        }
        while (position < end && above[position] != position) {
            int next = above[position];
            above[position] = root;
            position = next;
        }
        return root;
    }
}
