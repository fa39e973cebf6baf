package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.ranking.ingest.ConsumerConfig;
import io.skirmish.ranking.ingest.ResultConsumer;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A result that can never be committed is not retried forever: after {@code maxDeliveries}
 * deliveries (the first read plus claims) it goes to {@code skirmish:results:dead} with its bytes
 * and is acknowledged. The test keeps it from committing for real: no season is running, so
 * every attempt is deferred, exactly as a result whose commits keep conflicting is.
 */
@RedisTest(flushEachTest = true)
@Timeout(60)
class DeliveryCapIT {

    @Test
    void aResultLeftPendingOnEveryDeliveryIsDeadLetteredAfterTheCap(RedisEndpoint endpoint) {
        try (UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(endpoint.uri().toString()), "cap-it",
                Duration.ofSeconds(5))) {
            MatchResult result = ResultGenerator.duel("cap-1", "alice", "bob");
            ExactlyOnceScenario.append(redis, List.of(EventStreams.resultFields(result.getMatchId(), result.toByteArray())));
            ConsumerConfig config = ConsumerConfig.defaults("cap").withClaimIdle(Duration.ofMillis(1), Duration.ofMillis(1))
                    .withMaxDeliveries(3);
            IngestStack stack = new IngestStack(redis, config);
            stack.consumer.createGroup();

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                stack.consumer.doWork();
                return redis.xlen(ResultConsumer.DEAD_STREAM) == 1;
            });

            StreamEntry dead = redis.xrange(ResultConsumer.DEAD_STREAM, (StreamEntryID) null, null).get(0);
            Map<String, String> fields = dead.getFields();
            assertThat(fields).containsEntry("id", "cap-1").containsEntry("category", "deferred");
            assertThat(fields.get("reason")).isEqualTo("left pending after 3 deliveries, last: no season started");
            assertThat(redis.xpending(EventStreams.RESULTS, config.group()).getTotal()).as("acknowledged").isZero();
            assertThat(stack.count("ranking.results.deferred")).as("the first two deliveries").isEqualTo(2);
            assertThat(stack.registry.find("ranking.results.dead").tag("reason", "deferred").counter().count())
                    .isEqualTo(1);
            assertThat(stack.count("ranking.results.applied")).isZero();
        }
    }
}
