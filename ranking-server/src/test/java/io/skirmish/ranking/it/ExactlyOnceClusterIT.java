package io.skirmish.ranking.it;

import java.time.Duration;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.testkit.junit.RedisClusterTest;
import io.skirmish.testkit.process.RedisClusterEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

@RedisClusterTest(flushEachTest = true)
@Timeout(150)
class ExactlyOnceClusterIT extends ExactlyOnceScenario {

    private UnifiedJedis redis;

    @BeforeEach
    void connect(RedisClusterEndpoint endpoint) {
        redis = RedisConnector.open(RedisAddress.parse("redis-cluster://" + endpoint.nodes().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(","))), "ranking-it", Duration.ofSeconds(5));
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
