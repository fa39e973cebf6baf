package io.skirmish.match.queue;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Skill;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Formation rounds against a real Redis: ids listed every round, each ticket's body read once. */
@RedisTest(flushEachTest = true)
class TicketStoreRoundIT {

    private static final MatchKeys.Queue QUEUE = new MatchKeys.Queue(QueueMode.DUEL, "it");
    private static final TicketStore.RoundLimits LIMITS = new TicketStore.RoundLimits(5_000, 60_000, 100, 1_000, 10);

    private UnifiedJedis redis;
    private TicketStore store;

    @BeforeEach
    void start(RedisEndpoint endpoint) {
        redis = RedisConnector.open(RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port()), "round-it",
                Duration.ofSeconds(5));
        store = new TicketStore(redis);
        store.loadScripts();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void aRoundReadsEachBodyOnceAndListsOnlyIdsAfterThat() {
        long now = System.currentTimeMillis();
        List<Ticket> written = enqueue("m1", 50, now);
        TicketBodies bodies = new TicketBodies();

        long before = hmgetCalls();
        TicketStore.Round first = round("m1", now, bodies);
        long firstReads = hmgetCalls() - before;
        TicketStore.Round second = round("m1", now + 1, bodies);
        long secondReads = hmgetCalls() - before - firstReads;

        assertThat(first.held()).isTrue();
        assertThat(first.snapshot()).containsExactlyElementsOf(written);
        assertThat(second.snapshot()).containsExactlyElementsOf(written);
        assertThat(firstReads).as("one read per new ticket").isEqualTo(50);
        assertThat(secondReads).as("nothing re-read").isZero();
    }

    @Test
    void ticketsOfADeadOwnerAreLeftOutAndGoneTicketsForgotten() {
        long now = System.currentTimeMillis();
        List<Ticket> alive = enqueue("m1", 3, now);
        List<Ticket> orphaned = enqueue("m2", 2, now);
        redis.zadd(QUEUE.owners(), now - 1, "m2"); // m2's owner lease ran out
        TicketBodies bodies = new TicketBodies();

        TicketStore.Round first = round("m1", now, bodies);
        assertThat(first.snapshot()).as("the round sweeps a dead owner's tickets").containsExactlyElementsOf(alive);
        assertThat(first.expired()).extracting(TicketStore.Expired::ticketId)
                .containsExactlyInAnyOrderElementsOf(orphaned.stream().map(Ticket::id).toList());

        assertThat(store.cancel(QUEUE, alive.get(0).id(), "cancelled").removed()).isTrue();
        TicketStore.Round second = round("m1", now + 1, bodies);
        assertThat(second.snapshot()).containsExactlyElementsOf(alive.subList(1, 3));
        assertThat(bodies.size(QUEUE)).as("bodies only of tickets still listed").isEqualTo(2);
    }

    @Test
    void anInstanceWithoutTheLeaseStillSeesOldTicketsForOtherRegions() {
        long now = System.currentTimeMillis();
        List<Ticket> written = enqueue("m1", 4, now - 20_000);
        round("m1", now, new TicketBodies()); // m1 takes the lease

        TicketBodies otherBodies = new TicketBodies();
        TicketStore.Round other = store.roundAll(List.of(QUEUE), Map.of(QUEUE, true), "m2", now, now - 10_000, LIMITS,
                otherBodies).get(0);

        assertThat(other.held()).isFalse();
        assertThat(other.old()).containsExactlyElementsOf(written);
        assertThat(other.snapshot()).isEmpty();
    }

    private TicketStore.Round round(String instance, long now, TicketBodies bodies) {
        return store.roundAll(List.of(QUEUE), Map.of(QUEUE, true), instance, now, Long.MIN_VALUE, LIMITS, bodies).get(0);
    }

    private List<Ticket> enqueue(String owner, int count, long enqueuedMs) {
        long redisSec = Long.parseLong((String) redis.eval("return redis.call('TIME')[1]"));
        List<TicketStore.NewTicket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tickets.add(new TicketStore.NewTicket(new Ticket(owner + "-t" + i, QUEUE, List.of(owner + "-p" + i),
                    new Skill(20 + i, 5 + i / 10.0), enqueuedMs + i, Map.of("it", 30 + i), owner), redisSec));
        }
        int[] status = store.enqueueAll(tickets, owner, System.currentTimeMillis() + 60_000, 60_000, 30);
        assertThat(status).containsOnly(1);
        return tickets.stream().map(TicketStore.NewTicket::ticket).toList();
    }

    private long hmgetCalls() {
        return redis.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_hmget:")).findFirst()
                .map(l -> Long.parseLong(l.substring(l.indexOf("calls=") + 6, l.indexOf(',', l.indexOf("calls=")))))
                .orElse(0L);
    }
}
