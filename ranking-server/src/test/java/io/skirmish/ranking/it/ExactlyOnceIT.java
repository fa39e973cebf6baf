package io.skirmish.ranking.it;

import java.time.Duration;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

@RedisTest(flushEachTest = true)
@Timeout(150)
class ExactlyOnceIT extends ExactlyOnceScenario {

    private UnifiedJedis redis;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        redis = RedisConnector.open(RedisAddress.parse("redis://" + endpoint), "ranking-it", Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Override
    protected UnifiedJedis redis() {
        return redis;
    }

    @Test
    void fiveThousandResultsWithDuplicatesTwoConsumersAndOneKilledEndAsTheOracle() throws Exception {
        appliesEveryResultExactlyOnceAcrossTwoConsumersWithOneKilled();
    }

    @Test
    void oneConsumerAppliesInStreamOrder() {
        singleConsumerMatchesTheOracleInStreamOrder();
    }
}
