package io.skirmish.ranking.store;

/** What the apply script answered for one {@link Commit}. */
public sealed interface CommitOutcome {

    /** Written; {@code seq} is the commit's position in the order of all commits. */
    record Applied(long seq) implements CommitOutcome {
    }

    /** The match was applied before; {@code marker} is its commit record. */
    record Duplicate(String marker) implements CommitOutcome {
    }

    /** Something changed since the snapshot (a player's rating, or the season): read and compute again. */
    record Retry(String reason) implements CommitOutcome {
    }
}
