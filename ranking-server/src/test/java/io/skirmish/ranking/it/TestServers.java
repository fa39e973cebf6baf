package io.skirmish.ranking.it;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.ranking.RankingConfig;
import io.skirmish.ranking.RankingServer;
import io.skirmish.ranking.ingest.ConsumerConfig;
import io.skirmish.ranking.rating.RatingOptions;
import io.skirmish.ranking.season.SeasonInfo;
import io.skirmish.ranking.season.SoftReset;
import redis.clients.jedis.UnifiedJedis;

/** Starts an in-process ranking-server on a free port against a test Redis. */
public final class TestServers {

    private TestServers() {
    }

    public static RankingConfig config(RedisAddress redis, String instance, boolean consume) {
        RatingOptions rating = RatingOptions.DEFAULTS;
        ConsumerConfig consumer = ConsumerConfig.defaults(instance).withBatchSize(64)
                .withClaimIdle(Duration.ofSeconds(5), Duration.ofSeconds(1));
        return new RankingConfig(instance, "127.0.0.1", 0, 0, redis, 1, Duration.ofMinutes(5), consume, consumer,
                rating, new SeasonInfo("s1", "", System.currentTimeMillis(),
                        new SoftReset(rating.mu(), rating.sigma(), 0.5, 2.0)),
                Duration.ofDays(8), Duration.ofDays(35));
    }

    public static RankingServer start(UnifiedJedis redis, RankingConfig config, SimpleMeterRegistry registry) throws Exception {
        return new RankingServer(config, redis, registry, Clock.systemUTC());
    }
}
