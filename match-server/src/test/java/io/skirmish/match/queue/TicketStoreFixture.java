package io.skirmish.match.queue;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Skill;
import io.skirmish.testkit.process.RedisEndpoint;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link TicketStore} on a real Redis with one duel queue, for the store's integration tests. */
final class TicketStoreFixture implements AutoCloseable {

    static final MatchKeys.Queue QUEUE = new MatchKeys.Queue(QueueMode.DUEL, "it");
    static final TicketStore.RoundLimits LIMITS = new TicketStore.RoundLimits(5_000, 60_000, 100, 1_000, 10);

    final UnifiedJedis redis;
    final TicketStore store;

    TicketStoreFixture(RedisEndpoint endpoint, String clientName) {
        redis = RedisConnector.open(RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port()), clientName,
                Duration.ofSeconds(5));
        store = new TicketStore(redis);
        store.loadScripts();
    }

    /** One formation round of {@link #QUEUE} as {@code instance} would run it. */
    TicketStore.Round round(String instance, long now, TicketBodies bodies) {
        return store.roundAll(List.of(QUEUE), Map.of(QUEUE, true), instance, now, Long.MIN_VALUE, LIMITS, bodies).get(0);
    }

    /** Writes {@code count} solo tickets owned by {@code owner}, one millisecond apart from {@code enqueuedMs}. */
    List<Ticket> enqueue(String owner, int count, long enqueuedMs) {
        long redisSec = Long.parseLong((String) redis.eval("return redis.call('TIME')[1]"));
        List<TicketStore.NewTicket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tickets.add(new TicketStore.NewTicket(new Ticket(owner + "-t" + i, QUEUE, List.of(owner + "-p" + i),
                    new Skill(20 + i, 5 + i / 10.0), enqueuedMs + i, Map.of("it", 30 + i), owner), redisSec));
        }
        int[] status = store.enqueueAll(tickets, owner, System.currentTimeMillis() + 60_000, 30);
        assertThat(status).containsOnly(1);
        return tickets.stream().map(TicketStore.NewTicket::ticket).toList();
    }

    /** Sets one field of a stored ticket's body, as a script would (a state the test needs). */
    void setField(String ticketId, String field, String value) {
        Map<String, String> body = store.read(QUEUE, ticketId);
        assertThat(body).as("ticket " + ticketId).isNotEmpty();
        body.put(field, value);
        redis.hset(QUEUE.tickets(), ticketId, TicketBody.encode(body));
    }

    @Override
    public void close() {
        redis.close();
    }
}
