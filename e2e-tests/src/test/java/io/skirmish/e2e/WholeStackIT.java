package io.skirmish.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end test on plain processes: the whole stack (game-server, match-server,
 * ranking-server, log-shipper as child JVMs on real Redis and Elasticsearch) played by 60 bots,
 * with every check of {@link EndToEndRun}. {@code container-tests} runs the same run against the
 * images.
 */
@RedisTest
@ElasticsearchTest
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class WholeStackIT {

    @TempDir
    Path work;

    @Test
    void botsPlayWholeMatchesInEveryModeAndEveryResultLandsExactlyOnce(RedisEndpoint redisEndpoint,
                                                                        ElasticsearchEndpoint es) throws Exception {
        String redisUrl = redisEndpoint.uri().toString();
        try (WholeStack stack = new WholeStack(work, redisUrl, es.uri().toString()).start(Duration.ofSeconds(15))) {
            new EndToEndRun(work.resolve("report"), redisUrl, es, "127.0.0.1:" + stack.matchPort,
                    "127.0.0.1", stack.rankingPort, stack.metricsEndpoints()).playAndAssertEverythingLandedOnce();
        }
    }
}
