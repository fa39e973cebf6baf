package io.skirmish.game.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * A batch Redis answers with error replies is not taken as appended: a pipeline's sync() throws
 * only for a broken connection, and the reliability count lost two results written while a
 * restarted Redis was loading its append-only file (every XADD answered {@code LOADING}, the
 * entries were dropped as appended). Here Redis refuses writes the way it does when full
 * ({@code OOM}), on a server of the test's own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisStreamWriterIT {

    @TempDir
    Path work;

    @Test
    void aBatchRedisRefusesIsReportedAndAppendedOnceRedisTakesWritesAgain() {
        try (RedisServerProcess server = RedisServerProcess.start(RedisServerConfig.defaults(work));
             UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(server.endpoint().uri().toString()), "it",
                     Duration.ofSeconds(5))) {
            RedisStreamWriter writer = new RedisStreamWriter(redis);
            List<StreamEntry> batch = List.of(entry(EventStreams.EVENTS, "event-1"), entry(EventStreams.RESULTS, "match-1"));

            redis.configSet("maxmemory-policy", "noeviction");
            redis.configSet("maxmemory", "1");
            Optional<List<String>> whileRefused = writer.append(batch);
            redis.configSet("maxmemory", "0");

            assertThat(whileRefused).as("a batch answered with OOM errors").isEmpty();
            assertThat(redis.exists(EventStreams.RESULTS)).as("nothing stored while refused").isFalse();
            assertThat(writer.append(batch)).get().asList().hasSize(2);
            assertThat(redis.xlen(EventStreams.EVENTS)).isEqualTo(1);
            assertThat(redis.xlen(EventStreams.RESULTS)).isEqualTo(1);
        }
    }

    private static StreamEntry entry(String stream, String id) {
        return new StreamEntry(stream, Map.of(EventStreams.bytes(EventStreams.FIELD_ID), EventStreams.bytes(id)));
    }
}
