package io.skirmish.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.testkit.junit.RedisClusterTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisClusterEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Against real Redis: what two consumer groups have not acknowledged survives a trim, what both
 * have is removed, and the metrics say so.
 */
@Timeout(120)
class StreamTrimmerIT {

    private static final int ENTRIES = 3_000;

    private static UnifiedJedis open(String url) {
        return RedisConnector.open(RedisAddress.parse(url), "it", Duration.ofSeconds(2));
    }

    /** Entry i has id (i + 1)-0, so ids are known and old enough for any retention against a far clock. */
    private static void fill(UnifiedJedis redis, String stream) {
        for (int i = 0; i < ENTRIES; i++) {
            redis.xadd(stream, XAddParams.xAddParams().id(new StreamEntryID(i + 1, 0)), Map.of("n", Integer.toString(i)));
        }
    }

    /** Reads {@code count} entries for {@code group} and acknowledges them all but {@code keepPending}. */
    private static void consume(UnifiedJedis redis, String stream, String group, int count, StreamEntryID keepPending) {
        redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), false);
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(group, "c1",
                XReadGroupParams.xReadGroupParams().count(count), Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        for (StreamEntry entry : read.get(0).getValue()) {
            if (!entry.getID().equals(keepPending)) {
                redis.xack(stream, group, entry.getID());
            }
        }
    }

    private static void keepsWhatAGroupStillNeeds(UnifiedJedis redis, String stream) {
        fill(redis, stream);
        consume(redis, stream, "shipper", 2_500, null);
        StreamEntryID pending = new StreamEntryID(1_201, 0);
        consume(redis, stream, "ranking", 2_000, pending);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StreamTrimmer trimmer = new StreamTrimmer(redis, stream, Duration.ZERO, () -> 10_000_000L, registry);

        long removed = trimmer.trimOnce();

        List<StreamEntry> left = redis.xrange(stream, (StreamEntryID) null, (StreamEntryID) null);
        assertThat(left.get(0).getID()).isLessThanOrEqualTo(pending);
        assertThat(left).extracting(StreamEntry::getID).contains(pending);
        // Approximate trimming removes whole nodes (100 entries each by default): most of what both acknowledged goes.
        assertThat(removed).isGreaterThanOrEqualTo(1_000).isEqualTo(ENTRIES - left.size());
        assertThat(registry.get("skirmish.stream.trimmed").counter().count()).isEqualTo(removed);
        assertThat(registry.get("skirmish.stream.length").gauge().value()).isEqualTo(left.size());

        redis.xack(stream, "ranking", pending);
        long removedLater = trimmer.trimOnce();

        assertThat(removedLater).isPositive();
        assertThat(redis.xrange(stream, (StreamEntryID) null, (StreamEntryID) null).get(0).getID())
                .isGreaterThan(pending).isLessThanOrEqualTo(new StreamEntryID(2_001, 0));
    }

    private static void keepsTheRetention(UnifiedJedis redis, String stream) {
        fill(redis, stream);
        consume(redis, stream, "shipper", ENTRIES, null);
        // The clock puts entry 2,001 exactly one retention ago: nothing from it on may go.
        StreamTrimmer trimmer = new StreamTrimmer(redis, stream, Duration.ofMillis(1_000), () -> 3_001L,
                new SimpleMeterRegistry());

        trimmer.trimOnce();

        assertThat(redis.xrange(stream, (StreamEntryID) null, (StreamEntryID) null))
                .extracting(StreamEntry::getID).contains(new StreamEntryID(2_001, 0), new StreamEntryID(ENTRIES, 0));
    }

    @Nested
    @RedisTest
    class SingleNode {
        @Test
        void keepsWhatAGroupStillNeeds(RedisEndpoint endpoint) {
            try (UnifiedJedis redis = open("redis://" + endpoint.host() + ":" + endpoint.port())) {
                StreamTrimmerIT.keepsWhatAGroupStillNeeds(redis, "it:trim:needs");
            }
        }

        @Test
        void keepsTheRetention(RedisEndpoint endpoint) {
            try (UnifiedJedis redis = open("redis://" + endpoint.host() + ":" + endpoint.port())) {
                StreamTrimmerIT.keepsTheRetention(redis, "it:trim:retention");
            }
        }

        @Test
        void aMissingStreamIsNotAnError(RedisEndpoint endpoint) {
            try (UnifiedJedis redis = open("redis://" + endpoint.host() + ":" + endpoint.port())) {
                assertThat(new StreamTrimmer(redis, "it:trim:none", Duration.ZERO, System::currentTimeMillis,
                        new SimpleMeterRegistry()).trimOnce()).isZero();
            }
        }
    }

    @Nested
    @RedisClusterTest
    class Cluster {
        @Test
        void keepsWhatAGroupStillNeeds(RedisClusterEndpoint endpoint) {
            String seeds = endpoint.nodes().stream().map(Object::toString).collect(Collectors.joining(","));
            try (UnifiedJedis redis = open("redis-cluster://" + seeds)) {
                StreamTrimmerIT.keepsWhatAGroupStillNeeds(redis, "it:trim:cluster");
            }
        }
    }
}
