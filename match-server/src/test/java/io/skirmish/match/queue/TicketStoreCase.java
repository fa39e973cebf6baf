package io.skirmish.match.queue;

import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

/**
 * The life of a {@link TicketStoreFixture} around each test of the store's integration tests:
 * a fresh connection and loaded scripts before, closed after. Subclasses carry
 * {@code @RedisTest(flushEachTest = true)}, which supplies the endpoint.
 */
abstract class TicketStoreCase {

    private final String clientName;
    TicketStoreFixture fixture;
    UnifiedJedis redis;
    TicketStore store;

    TicketStoreCase(String clientName) {
        this.clientName = clientName;
    }

    @BeforeEach
    void start(RedisEndpoint endpoint) {
        fixture = new TicketStoreFixture(endpoint, clientName);
        redis = fixture.redis;
        store = fixture.store;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }
}
