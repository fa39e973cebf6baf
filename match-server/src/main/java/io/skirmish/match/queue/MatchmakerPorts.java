package io.skirmish.match.queue;

import io.skirmish.kit.events.EventDoc;

import java.util.List;

/**
 * Everything outside the process that the matchmaker talks to, as small interfaces: Redis
 * implements them in production ({@link TicketStore}, {@link Allocator}, {@link PlayerDirectory},
 * {@link MatchEvents}, the session hub for pushes), in-memory classes in the stages' unit tests.
 */
public record MatchmakerPorts(FormationStore.All store, Allocations allocations, PlayerIndex players, Pushes pushes,
                              EventSink events) {

    /** The game-server allocation calls (the {@code {gs}} slot). */
    public interface Allocations {
        /** Places matches of one region, in order, in one call; one placement per request. */
        List<Allocator.Placement> allocateAll(String region, List<Allocator.Request> requests, long nowMs);

        /** Settles an overdue claim: aborted unless the match was allocated, in which case its placement. */
        Allocator.Placement abortIfUnallocated(String matchId);
    }

    /** The players' queue index ({@code player -> ticket}). */
    public interface PlayerIndex {
        /** Removes the players' entries that still name each request's ticket. */
        void releaseAll(List<PlayerDirectory.Request> requests);

        /**
         * Points the players of settled tickets at them while a status request may re-send
         * MatchFound, and removes their entries that still name those tickets (at every instant
         * one of the two names the ticket).
         */
        void settleAll(List<PlayerDirectory.Request> settled);
    }

    /** Where event documents go (best effort: a full sink drops and counts). */
    @FunctionalInterface
    public interface EventSink {
        void offer(EventDoc doc);
    }
}
