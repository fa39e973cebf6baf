package io.skirmish.match.queue;

import io.skirmish.testkit.junit.RedisTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.skirmish.match.queue.TicketStoreFixture.LIMITS;
import static io.skirmish.match.queue.TicketStoreFixture.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

/** Formation rounds against a real Redis: ids listed every round, each ticket's body read once. */
@RedisTest(flushEachTest = true)
class TicketStoreRoundIT extends TicketStoreCase {

    TicketStoreRoundIT() {
        super("round-it");
    }

    @Test
    void aRoundReadsEachBodyOnceAndListsOnlyIdsAfterThat() {
        long now = System.currentTimeMillis();
        List<Ticket> written = fixture.enqueue("m1", 50, now);
        TicketBodies bodies = new TicketBodies();

        long before = hmgetCalls();
        TicketStore.Round first = fixture.round("m1", now, bodies);
        long firstReads = hmgetCalls() - before;
        TicketStore.Round second = fixture.round("m1", now + 1, bodies);
        long secondReads = hmgetCalls() - before - firstReads;

        assertThat(first.held()).isTrue();
        assertThat(first.snapshot()).containsExactlyElementsOf(written);
        assertThat(second.snapshot()).containsExactlyElementsOf(written);
        assertThat(firstReads).as("one read for every new ticket of the queue").isEqualTo(1);
        assertThat(secondReads).as("nothing re-read").isZero();
    }

    @Test
    void ticketsOfADeadOwnerAreLeftOutAndGoneTicketsForgotten() {
        long now = System.currentTimeMillis();
        List<Ticket> alive = fixture.enqueue("m1", 3, now);
        List<Ticket> orphaned = fixture.enqueue("m2", 2, now);
        redis.zadd(QUEUE.owners(), now - 1, "m2"); // m2's owner lease ran out
        TicketBodies bodies = new TicketBodies();

        TicketStore.Round first = fixture.round("m1", now, bodies);
        assertThat(first.snapshot()).as("the round sweeps a dead owner's tickets").containsExactlyElementsOf(alive);
        assertThat(first.expired()).extracting(TicketStore.Expired::ticketId)
                .containsExactlyInAnyOrderElementsOf(orphaned.stream().map(Ticket::id).toList());

        assertThat(store.cancel(QUEUE, alive.get(0).id(), "cancelled").removed()).isTrue();
        TicketStore.Round second = fixture.round("m1", now + 1, bodies);
        assertThat(second.snapshot()).containsExactlyElementsOf(alive.subList(1, 3));
        assertThat(bodies.size(QUEUE)).as("bodies only of tickets still listed").isEqualTo(2);
    }

    @Test
    void anInstanceWithoutTheLeaseStillSeesOldTicketsForOtherRegions() {
        long now = System.currentTimeMillis();
        List<Ticket> written = fixture.enqueue("m1", 4, now - 20_000);
        fixture.round("m1", now, new TicketBodies()); // m1 takes the lease

        TicketBodies otherBodies = new TicketBodies();
        TicketStore.Round other = store.roundAll(List.of(QUEUE), Map.of(QUEUE, true), "m2", now, now - 10_000, LIMITS,
                otherBodies).get(0);

        assertThat(other.held()).isFalse();
        assertThat(other.old()).containsExactlyElementsOf(written);
        assertThat(other.snapshot()).isEmpty();
    }


    private long hmgetCalls() {
        return redis.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_hmget:")).findFirst()
                .map(l -> Long.parseLong(l.substring(l.indexOf("calls=") + 6, l.indexOf(',', l.indexOf("calls=")))))
                .orElse(0L);
    }
}
