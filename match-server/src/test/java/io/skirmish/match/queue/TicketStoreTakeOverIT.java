package io.skirmish.match.queue;

import io.skirmish.testkit.junit.RedisTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.skirmish.match.queue.TicketStoreFixture.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ticket takeover against a real Redis: a player who logs in on another instance takes its
 * waiting ticket along, so the old owner's lease running out no longer sweeps it, and the old
 * owner's connection clean-up no longer cancels it.
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TicketStoreTakeOverIT extends TicketStoreCase {

    TicketStoreTakeOverIT() {
        super("takeover-it");
    }

    @Test
    void aTakenOverTicketKeepsItsPlaceAndOutlivesItsDeadOwner() {
        long now = System.currentTimeMillis();
        List<Ticket> dead = fixture.enqueue("m2", 3, now);
        fixture.enqueue("m1", 1, now + 100);
        TicketBodies bodies = new TicketBodies();
        assertThat(fixture.round("m1", now, bodies).snapshot()).as("m2 alive: all listed").hasSize(4);
        Ticket resumed = dead.get(1);
        long position = store.position(QUEUE, resumed.id());

        TicketStore.TakeOver takeOver = store.takeOver(QUEUE, resumed.id(), resumed.leader(), "m1", now + 5_000);
        redis.zadd(QUEUE.owners(), now - 1, "m2"); // then m2's owner lease runs out
        TicketStore.Round afterExpiry = fixture.round("m1", now + 1, bodies);
        TicketStore.Round next = fixture.round("m1", now + 2, bodies);

        assertThat(takeOver.status()).isEqualTo("moved");
        assertThat(takeOver.previousOwner()).isEqualTo("m2");
        assertThat(takeOver.players()).containsExactly(resumed.leader());
        assertThat(takeOver.enqueuedMs()).isEqualTo(resumed.enqueuedMs());
        assertThat(afterExpiry.expired()).as("only the tickets nobody took over are swept")
                .extracting(TicketStore.Expired::ticketId).containsExactlyInAnyOrder(dead.get(0).id(), dead.get(2).id());
        assertThat(store.read(QUEUE, resumed.id())).containsEntry("owner", "m1").containsEntry("state", "searching");
        assertThat(store.position(QUEUE, resumed.id())).as("its place in the queue kept").isEqualTo(position - 1);
        assertThat(next.snapshot()).as("listed again, under its new owner")
                .extracting(Ticket::id, Ticket::owner).contains(org.assertj.core.groups.Tuple.tuple(resumed.id(), "m1"));
    }

    @Test
    void theOldOwnersConnectionCleanUpLeavesATakenOverTicketAlone() {
        long now = System.currentTimeMillis();
        Ticket ticket = fixture.enqueue("m2", 1, now).get(0);
        store.takeOver(QUEUE, ticket.id(), ticket.leader(), "m1", now + 5_000);

        TicketStore.CancelResult byOldOwner = store.cancel(QUEUE, ticket.id(), "expired", "m2");
        TicketStore.CancelResult byNewOwner = store.cancel(QUEUE, ticket.id(), "expired", "m1");

        assertThat(byOldOwner.status()).isEqualTo("moved");
        assertThat(byNewOwner.removed()).isTrue();
        assertThat(store.read(QUEUE, ticket.id())).isEmpty();
    }

    @Test
    void onlyTheLeaderOfAWaitingTicketTakesItOverAndNoLeaseIsShortened() {
        long now = System.currentTimeMillis();
        List<Ticket> tickets = fixture.enqueue("m2", 2, now);
        Ticket waiting = tickets.get(0);
        Ticket matched = tickets.get(1);
        fixture.setField(matched.id(), "state", "matched");
        redis.zadd(QUEUE.owners(), now + 60_000, "m1");

        assertThat(store.takeOver(QUEUE, waiting.id(), "someone-else", "m1", now).status()).isEqualTo("not_leader");
        assertThat(store.takeOver(QUEUE, "no-such-ticket", waiting.leader(), "m1", now).status()).isEqualTo("missing");
        assertThat(store.takeOver(QUEUE, matched.id(), matched.leader(), "m1", now).status()).isEqualTo("matched");
        assertThat(store.read(QUEUE, waiting.id())).containsEntry("owner", "m2");
        assertThat(store.read(QUEUE, matched.id())).containsEntry("owner", "m2");

        TicketStore.TakeOver first = store.takeOver(QUEUE, waiting.id(), waiting.leader(), "m1", now + 5_000);
        TicketStore.TakeOver again = store.takeOver(QUEUE, waiting.id(), waiting.leader(), "m1", now + 5_000);

        assertThat(first.owned()).isTrue();
        assertThat(again.status()).isEqualTo("own");
        assertThat(redis.zscore(QUEUE.owners(), "m1")).as("a longer lease is kept").isEqualTo((double) (now + 60_000));
    }

}
