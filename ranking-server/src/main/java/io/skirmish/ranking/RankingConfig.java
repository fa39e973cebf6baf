package io.skirmish.ranking;

import java.time.Duration;

import io.skirmish.kit.config.Checks;
import io.skirmish.kit.net.guard.ClientPortConfig;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.ranking.ingest.ConsumerConfig;
import io.skirmish.ranking.rating.RatingOptions;
import io.skirmish.ranking.season.SeasonInfo;

/**
 * Everything the ranking-server process is configured with; the compact constructor refuses a
 * bad value naming the key.
 *
 * @param instanceId      names the process in metrics and is the consumer name in the group
 * @param consume         false for a query-only instance (scales reads without consuming)
 * @param initialSeason   started when Redis holds no season yet (a fresh installation)
 * @param dailyRetention  how long a daily board is kept after its day ends
 * @param weeklyRetention how long a weekly board is kept after its week ends
 * @param clientTransport TLS and connection limits of the query port (no handshake; its idle timeout is
 *                        {@code idleTimeout})
 */
public record RankingConfig(String instanceId, String bindHost, int port, int opsPort, RedisAddress redis,
                            int ioThreads, Duration idleTimeout, boolean consume,
                            ConsumerConfig consumer, RatingOptions rating, SeasonInfo initialSeason,
                            Duration dailyRetention, Duration weeklyRetention, ClientPortConfig clientTransport) {

    /** The configuration with a plaintext query port and the default limits, for in-process servers. */
    public RankingConfig(String instanceId, String bindHost, int port, int opsPort, RedisAddress redis,
                         int ioThreads, Duration idleTimeout, boolean consume,
                         ConsumerConfig consumer, RatingOptions rating, SeasonInfo initialSeason,
                         Duration dailyRetention, Duration weeklyRetention) {
        this(instanceId, bindHost, port, opsPort, redis, ioThreads, idleTimeout, consume, consumer, rating,
                initialSeason, dailyRetention, weeklyRetention, ClientPortConfig.plaintext(Duration.ZERO, idleTimeout));
    }

    public RankingConfig {
        Checks.notBlank("instance-id", instanceId);
        Checks.notBlank("bind-host", bindHost);
        Checks.port("port", port);
        Checks.port("ops-port", opsPort);
        Checks.notNull("redis-url", redis);
        Checks.inRange("io-threads", ioThreads, 1, 64);
        Checks.positive("idle-timeout", idleTimeout);
        Checks.notNull("consumer", consumer);
        Checks.notNull("rating", rating);
        Checks.notNull("season", initialSeason);
        Checks.positive("daily-retention", dailyRetention);
        Checks.positive("weekly-retention", weeklyRetention);
        Checks.notNull("client-transport", clientTransport);
    }
}
