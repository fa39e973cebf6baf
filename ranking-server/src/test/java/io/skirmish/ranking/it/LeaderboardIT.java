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
@Timeout(120)
class LeaderboardIT extends LeaderboardScenario {

    private RedisAddress address;
    private UnifiedJedis redis;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        address = RedisAddress.parse("redis://" + endpoint);
        redis = RedisConnector.open(address, "ranking-it", Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        dropBoard();
        redis.close();
    }

    @Override
    protected UnifiedJedis redis() {
        return redis;
    }

    @Override
    protected RedisAddress address() {
        return address;
    }

    @Test
    void topAroundRankAndFriendsOnAMillionPlayersMatchTheExpectedOrder() throws Exception {
        queriesAMillionPlayerBoard();
    }
}
