package io.skirmish.logship.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Good and permanently bad documents in the same batches: the good ones are indexed, each bad one
 * lands once in the dead-letter stream with its reason and is acknowledged; nothing is retried.
 */
@RedisTest
@ElasticsearchTest
@Timeout(120)
class DeadLetterIT {

    private static final String TS = "\"@timestamp\":\"2026-11-25T10:00:00.000Z\"";

    @Test
    void badDocumentsAreDeadLetteredWithTheirReasonAndGoodOnesIndexed(RedisEndpoint redis, ElasticsearchEndpoint es)
            throws Exception {
        int good = 2_000;
        try (ShipperFixture fixture = new ShipperFixture(ShipperFixture.config("dead", "one", redis, es));
             SearchClient search = new SearchClient(es)) {
            String stream = fixture.config.stream();
            TestEvents.append(fixture.redis, stream, 0, good / 2);
            // Rejected by Elasticsearch (mapping errors, 400), in the middle of good ones:
            TestEvents.appendRaw(fixture.redis, stream, List.of(
                    entry("bad:tick", "{\"event_id\":\"bad:tick\",\"type\":\"kill\"," + TS + ",\"tick\":\"soon\"}"),
                    entry("bad:position", "{\"event_id\":\"bad:position\",\"type\":\"kill\"," + TS
                            + ",\"position\":{\"x\":\"left\",\"y\":1}}"),
                    entry("bad:hit", "{\"event_id\":\"bad:hit\",\"type\":\"shot\"," + TS + ",\"hit\":\"maybe\"}"),
                    // Refused before sending:
                    entry("bad:json", "{\"event_id\":\"bad:json\"," + TS),
                    entry("bad:notimestamp", "{\"event_id\":\"bad:notimestamp\",\"type\":\"kill\"}"),
                    entry("bad:date", "{\"event_id\":\"bad:date\",\"@timestamp\":\"2026-13-45T99:00:00Z\"}"),
                    Map.of("id", "bad:nodoc", "type", "kill")));
            TestEvents.append(fixture.redis, stream, good / 2, good);

            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.counter("logship.events.acked") >= good + 7);

            assertThat(search.count("it-dead-*")).isEqualTo(good);
            assertThat(new HashSet<>(search.allIds("it-dead-*"))).isEqualTo(new HashSet<>(TestEvents.eventIds(0, good)));
            Map<String, Map<String, String>> dead = new HashMap<>();
            for (StreamEntry entry : fixture.redis.xrange(fixture.config.deadLetterStream(), (StreamEntryID) null, null)) {
                dead.put(entry.getFields().get("id"), entry.getFields());
            }
            assertThat(dead).containsOnlyKeys("bad:tick", "bad:position", "bad:hit", "bad:json", "bad:notimestamp",
                    "bad:date", "bad:nodoc");
            assertThat(dead.get("bad:tick").get("status")).isEqualTo("400");
            assertThat(dead.get("bad:tick").get("reason")).contains("tick");
            assertThat(dead.get("bad:position").get("reason")).contains("position.x");
            assertThat(dead.get("bad:hit").get("status")).isEqualTo("400");
            assertThat(dead.get("bad:json").get("reason")).contains("malformed JSON");
            assertThat(dead.get("bad:notimestamp").get("reason")).contains("missing @timestamp");
            assertThat(dead.get("bad:date").get("reason")).contains("unreadable @timestamp");
            assertThat(dead.get("bad:nodoc").get("reason")).contains("missing the id or doc");
            assertThat(dead.get("bad:tick").get("doc")).contains("\"tick\":\"soon\"");
            assertThat(dead.get("bad:tick").get("entry")).matches("\\d+-\\d+");
            assertThat(fixture.counter("logship.docs.deadlettered", "cause", "rejected")).isEqualTo(3);
            assertThat(fixture.counter("logship.docs.deadlettered", "cause", "invalid")).isEqualTo(4);

            // None is retried, now or later; nothing stays pending.
            Thread.sleep(1_500);
            assertThat(fixture.counter("logship.docs.retried")).isZero();
            assertThat(fixture.redis.xlen(fixture.config.deadLetterStream())).isEqualTo(7);
            assertThat(fixture.redis.xpending(stream, fixture.config.group()).getTotal()).isZero();
        }
    }

    private static Map<String, String> entry(String id, String doc) {
        return Map.of("id", id, "type", "kill", "doc", doc);
    }
}
