package io.skirmish.logship.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchConfig;
import io.skirmish.testkit.process.ElasticsearchProcess;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * Elasticsearch (a node of this test's own, the shared one stays up) is stopped for 30 s while
 * events keep arriving: the shipper keeps retrying, stops reading at its in-flight bound so the
 * backlog waits in Redis, and when the node is back it catches up: nothing lost, nothing twice.
 */
@RedisTest
@Timeout(300)
class ElasticsearchOutageIT {

    private static final int EVENTS = 40_000;
    private static final int MAX_IN_FLIGHT = 4_000;

    @Test
    void nothingLostNothingTwiceAndMemoryBoundedAcrossA30SecondOutage(RedisEndpoint redis) throws Exception {
        Path workDir = Path.of(System.getProperty("skirmish.target.dir", "target")).toAbsolutePath();
        // A small write queue makes the node answer 429 per item while the backlog drains.
        try (ElasticsearchProcess es = ElasticsearchProcess.start(ElasticsearchConfig.defaults(workDir)
                .withClusterName("logship-outage").withSetting("thread_pool.write.queue_size", "2")
                .withSetting("thread_pool.write.size", "1"));
             ShipperFixture fixture = new ShipperFixture(ShipperFixture.config("outage", "one", redis, es.endpoint())
                     .toBuilder().readBatch(500).maxInFlight(MAX_IN_FLIGHT).bulkActions(500)
                     .flushInterval(Duration.ofMillis(200)).build());
             SearchClient search = new SearchClient(es.endpoint())) {
            String stream = fixture.config.stream();
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicLong maxInFlight = new AtomicLong();
            AtomicLong maxInFlightBytes = new AtomicLong();
            Thread producer = new Thread(() -> {
                // About 1,000 events/s for 40 s: before, during and after the outage.
                for (int from = 0; from < EVENTS && producing.get(); from += 500) {
                    TestEvents.append(fixture.redis, stream, from, Math.min(EVENTS, from + 500));
                    sleep(500);
                }
            }, "producer");
            Thread sampler = new Thread(() -> {
                while (producing.get()) {
                    maxInFlight.accumulateAndGet(fixture.shipper.metrics().inFlightEntries(), Math::max);
                    maxInFlightBytes.accumulateAndGet(fixture.shipper.metrics().inFlightBytes(), Math::max);
                    sleep(20);
                }
            }, "sampler");
            producer.start();
            sampler.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> fixture.counter("logship.docs.indexed") >= 3_000);

                long stopNs = System.nanoTime();
                es.stop();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> fixture.counter("logship.docs.retried", "cause", "unreachable") > 0);
                assertThat(fixture.elasticsearch.notReadyReason()).contains("unreachable");
                long ackedDuringOutage = (long) fixture.counter("logship.events.acked");
                sleep(Math.max(0, 30_000 - Duration.ofNanos(System.nanoTime() - stopNs).toMillis()));
                // It stopped reading at its bound: the backlog waits in Redis, not in the heap.
                StreamGroupInfo during = group(fixture);
                assertThat(fixture.shipper.metrics().inFlightEntries()).isLessThanOrEqualTo(MAX_IN_FLIGHT);
                assertThat((Long) during.getGroupInfo().get("lag")).isPositive();
                assertThat((long) fixture.counter("logship.events.acked")).isEqualTo(ackedDuringOutage);

                es.start();
                long backNs = System.nanoTime();
                long downMs = Duration.ofNanos(backNs - stopNs).toMillis();
                producer.join(60_000);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    StreamGroupInfo group = group(fixture);
                    return group.getPending() == 0 && Long.valueOf(0).equals(group.getGroupInfo().get("lag"))
                            && fixture.redis.xlen(stream) == EVENTS;
                });
                long catchUpMs = Duration.ofNanos(System.nanoTime() - backNs).toMillis();
                System.out.printf("outage: elasticsearch down %d ms (30 s stopped + start-up); backlog at restart "
                                + "%s undelivered; caught up %d ms after it was back; max in flight %d entries / %d "
                                + "bytes (bound %d); retried: unreachable=%.0f 429=%.0f 5xx=%.0f; duplicates(409)=%.0f%n",
                        downMs, during.getGroupInfo().get("lag"), catchUpMs, maxInFlight.get(), maxInFlightBytes.get(),
                        MAX_IN_FLIGHT, fixture.counter("logship.docs.retried", "cause", "unreachable"),
                        fixture.counter("logship.docs.retried", "cause", "429"),
                        fixture.counter("logship.docs.retried", "cause", "5xx"),
                        fixture.counter("logship.docs.duplicates"));
            } finally {
                producing.set(false);
                producer.join(10_000);
                sampler.join(10_000);
            }
            assertThat(maxInFlight.get()).isLessThanOrEqualTo(MAX_IN_FLIGHT);
            assertThat(search.count("it-outage-*")).isEqualTo(EVENTS);
            assertThat(new HashSet<>(search.allIds("it-outage-*"))).isEqualTo(new HashSet<>(TestEvents.eventIds(0, EVENTS)));
            assertThat(fixture.redis.xlen(fixture.config.deadLetterStream())).isZero();
        }
    }

    private static StreamGroupInfo group(ShipperFixture fixture) {
        return fixture.redis.xinfoGroups(fixture.config.stream()).get(0);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
