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
 * @param readCachePages  pages the read cache holds (Top, Around, Rank answers kept coherent by Redis
 *                        client tracking); 0 turns it off
 */
public record RankingConfig(String instanceId, String bindHost, int port, int opsPort, RedisAddress redis,
                            int ioThreads, Duration idleTimeout, boolean consume,
                            ConsumerConfig consumer, RatingOptions rating, SeasonInfo initialSeason,
                            Duration dailyRetention, Duration weeklyRetention, ClientPortConfig clientTransport,
                            int readCachePages) {

    /** The read cache's default size: a few hundred KiB to a few MiB (a Top 10 page is about 600 bytes). */
    public static final int DEFAULT_READ_CACHE_PAGES = 4_096;

    /** The configuration with the default read cache. */
    public RankingConfig(String instanceId, String bindHost, int port, int opsPort, RedisAddress redis,
                         int ioThreads, Duration idleTimeout, boolean consume,
                         ConsumerConfig consumer, RatingOptions rating, SeasonInfo initialSeason,
                         Duration dailyRetention, Duration weeklyRetention, ClientPortConfig clientTransport) {
        this(instanceId, bindHost, port, opsPort, redis, ioThreads, idleTimeout, consume, consumer, rating,
                initialSeason, dailyRetention, weeklyRetention, clientTransport, DEFAULT_READ_CACHE_PAGES);
    }

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
        Checks.inRange("read-cache-pages", readCachePages, 0, 1_000_000);
    }

    public RankingConfig withReadCachePages(int pages) {
        return new RankingConfig(instanceId, bindHost, port, opsPort, redis, ioThreads, idleTimeout, consume, consumer,
                rating, initialSeason, dailyRetention, weeklyRetention, clientTransport, pages);
    }
}
