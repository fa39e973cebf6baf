package io.skirmish.logship.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.logship.LogShipperConfig;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamGroupInfo;

/** The happy path against real Redis and Elasticsearch: template, daily indices, acks, shared group. */
@RedisTest
@ElasticsearchTest
@Timeout(180)
class ShipperIT {

    @Test
    void shipsEveryEventOnceAndAcknowledgesIt(RedisEndpoint redis, ElasticsearchEndpoint es) throws Exception {
        int events = 5_000;
        try (ShipperFixture fixture = new ShipperFixture(ShipperFixture.config("basic", "one", redis, es));
             SearchClient search = new SearchClient(es)) {
            TestEvents.append(fixture.redis, fixture.config.stream(), 0, events);

            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.counter("logship.events.acked") >= events);

            assertThat(search.count("it-basic-*")).isEqualTo(events);
            assertThat(new HashSet<>(search.allIds("it-basic-*"))).isEqualTo(new HashSet<>(TestEvents.eventIds(0, events)));
            assertThat(fixture.counter("logship.docs.indexed")).isEqualTo(events);
            assertThat(fixture.redis.xlen(fixture.config.deadLetterStream())).isZero();
            StreamGroupInfo group = fixture.redis.xinfoGroups(fixture.config.stream()).get(0);
            assertThat(group.getPending()).isZero();
            // Events span midnight UTC: one index per event day, whatever day the shipper runs.
            JsonNode indices = search.call("GET", "/_cat/indices/it-basic-*?format=json&h=index", null);
            assertThat(indices.findValuesAsText("index")).containsExactlyInAnyOrder("it-basic-2026.11.24",
                    "it-basic-2026.11.25");
            JsonNode mapping = search.call("GET", "/it-basic-2026.11.25/_mapping", null);
            assertThat(mapping.findValue("properties").path("position").path("properties").path("x").path("type")
                    .asText()).isEqualTo("double");
        }
    }

    @Test
    void twoShippersShareTheStreamWithoutDuplicates(RedisEndpoint redis, ElasticsearchEndpoint es) throws Exception {
        int events = 20_000;
        try (ShipperFixture first = new ShipperFixture(ShipperFixture.config("shared", "first", redis, es).toBuilder()
                     .readBatch(200).maxInFlight(2_000).bulkActions(500).flushInterval(Duration.ofMillis(200)).build());
             ShipperFixture second = new ShipperFixture(ShipperFixture.config("shared", "second", redis, es).toBuilder()
                     .readBatch(200).maxInFlight(2_000).bulkActions(500).flushInterval(Duration.ofMillis(200)).build());
             SearchClient search = new SearchClient(es)) {
            TestEvents.append(first.redis, first.config.stream(), 0, events);

            await().atMost(Duration.ofSeconds(90)).until(() ->
                    first.counter("logship.events.acked") + second.counter("logship.events.acked") >= events);

            assertThat(first.counter("logship.events.read")).isPositive();
            assertThat(second.counter("logship.events.read")).isPositive();
            assertThat(search.count("it-shared-*")).isEqualTo(events);
            List<String> ids = search.allIds("it-shared-*");
            assertThat(new HashSet<>(ids)).hasSize(events).isEqualTo(new HashSet<>(TestEvents.eventIds(0, events)));
        }
    }

    @Test
    void aRestartedShipperResumesItsOwnPendingEntriesFirst(RedisEndpoint redis, ElasticsearchEndpoint es)
            throws Exception {
        int events = 1_000;
        LogShipperConfig config = ShipperFixture.config("resume", "same-name", redis, es);
        try (UnifiedJedis jedis = RedisConnector.open(config.redis(), "resume-it", Duration.ofSeconds(2));
             SearchClient search = new SearchClient(es)) {
            TestEvents.append(jedis, config.stream(), 0, events);
            // What a crashed "same-name" left behind: 300 entries read and never acknowledged.
            jedis.xgroupCreate(config.stream(), config.group(), new StreamEntryID(0, 0), true);
            jedis.xreadGroup(config.group(), config.consumerName(), XReadGroupParams.xReadGroupParams().count(300),
                    Map.of(config.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            try (ShipperFixture fixture = new ShipperFixture(config)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> fixture.counter("logship.events.acked") >= events);
                assertThat(fixture.counter("logship.events.read", "source", "pending")).isEqualTo(300);
                assertThat(fixture.counter("logship.events.read", "source", "new")).isEqualTo(events - 300);
            }
            assertThat(search.count("it-resume-*")).isEqualTo(events);
            assertThat(jedis.xpending(config.stream(), config.group()).getTotal()).isZero();
        }
    }
}
