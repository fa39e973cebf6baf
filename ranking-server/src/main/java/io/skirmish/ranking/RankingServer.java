package io.skirmish.ranking;

import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.ranking.board.BoardQueries;
import io.skirmish.ranking.board.BoardTracking;
import io.skirmish.ranking.board.CacheMetrics;
import io.skirmish.ranking.board.PageCache;
import io.skirmish.ranking.board.SeasonDirectory;
import io.skirmish.ranking.ingest.ConsumerRunner;
import io.skirmish.ranking.ingest.IngestMetrics;
import io.skirmish.ranking.ingest.ResultApplier;
import io.skirmish.ranking.ingest.ResultConsumer;
import io.skirmish.ranking.net.QueryMetrics;
import io.skirmish.ranking.net.RankingNetServer;
import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.kit.redis.link.RedisLogin;
import io.skirmish.kit.redis.link.RedisTarget;
import io.skirmish.kit.redis.link.TurnFlusher;
import io.skirmish.ranking.season.SeasonStore;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.ranking.store.RatingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The running ranking-server: the results consumer on its own thread, the query port, the
 * season catalogue they share (refreshed every second on a background thread, which also looks
 * up the Redis node of the query links) and, unless turned off, the read cache with its
 * tracking connection on a loop of its own. Started by the constructor, stopped by {@link #close()}.
 */
public final class RankingServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RankingServer.class);
    private static final long SEASON_REFRESH_MS = 1_000;
    /** As the query links': a tracking connection this silent is dropped, which flushes the read cache. */
    private static final long TRACKING_REPLY_TIMEOUT_MS = 2_000;
    private static final RateLimitedLog REFRESH_LOG = RateLimitedLog.perMinute(LOG);

    private final ConsumerRunner consumer;
    private final ScheduledExecutorService background;
    private final RankingNetServer net;
    private final String season;
    private final EventLoopGroup trackingLoop;
    private final BoardTracking tracking;

    public RankingServer(RankingConfig config, UnifiedJedis redis, MeterRegistry registry, InstantSource clock)
            throws InterruptedException {
        SeasonStore seasons = new SeasonStore(redis);
        season = seasons.ensureStarted(config.initialSeason());
        if (config.consume()) {
            RatingStore store = new RatingStore(redis, config.consumer().appliedTtl());
            store.loadScripts();
            ResultApplier applier = new ResultApplier(store, seasons, new PlackettLuce(config.rating()), clock,
                    config.dailyRetention(), config.weeklyRetention(), config.consumer().maxAttempts());
            ResultConsumer resultConsumer = new ResultConsumer(redis, applier, config.consumer(),
                    new IngestMetrics(registry), clock, System::nanoTime);
            resultConsumer.createGroup();
            consumer = new ConsumerRunner(resultConsumer).start();
        } else {
            consumer = null;
        }
        background = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("ranking-query-background", true));
        RedisTarget queryNode = RedisTarget.of(config.redis(), redis, RankingKeys.slotKey());
        PageCache cache = null;
        if (config.readCachePages() > 0) {
            CacheMetrics cacheMetrics = new CacheMetrics(registry);
            cache = new PageCache(config.readCachePages(), cacheMetrics);
            cacheMetrics.bind(registry, cache);
            trackingLoop = Transports.best().group(1, "ranking-tracking");
            tracking = BoardTracking.start(cache, "ranking-" + config.instanceId() + "-tracking",
                    new TurnFlusher(trackingLoop.next()), Transports.best().socketChannel(), queryNode, background,
                    RedisLogin.of(config.redis()), TRACKING_REPLY_TIMEOUT_MS, System::nanoTime);
        } else {
            trackingLoop = null;
            tracking = null;
        }
        try {
            SeasonDirectory directory = new SeasonDirectory(seasons);
            directory.refresh();
            background.scheduleWithFixedDelay(() -> refresh(directory), SEASON_REFRESH_MS, SEASON_REFRESH_MS,
                    TimeUnit.MILLISECONDS);
            TcpGuards guards = new TcpGuards(config.clientTransport(), registry, "ranking.net",
                    LoggerFactory.getLogger(RankingNetServer.class));
            net = RankingNetServer.bind(config.bindHost(), config.port(), config.ioThreads(), guards,
                    new BoardQueries(directory, clock, cache), new QueryMetrics(registry),
                    queryNode, RedisLogin.of(config.redis()), background,
                    "ranking-" + config.instanceId(), System::nanoTime);
        } catch (RuntimeException | InterruptedException e) {
            closeTracking();
            background.shutdownNow();
            closeConsumer();
            throw e;
        }
        LOG.info("ranking-server started season={} consumer={} port={} readCachePages={}", season,
                config.consume() ? config.consumer().consumerName() : "off", net.port(), config.readCachePages());
    }

    public int port() {
        return net.port();
    }

    public String season() {
        return season;
    }

    /** For /ready: null when ready. */
    public String notReadyReason() {
        if (consumer != null && !consumer.healthy()) {
            return "results consumer failing";
        }
        return null;
    }

    @Override
    public void close() {
        net.close();
        closeTracking();
        background.shutdownNow();
        closeConsumer();
    }

    /** Runs every second on the background thread; a failure must not end the schedule. */
    private static void refresh(SeasonDirectory directory) {
        try {
            directory.refresh();
        } catch (RuntimeException e) {
            REFRESH_LOG.warn("seasons", "season catalogue not refreshed error={}", e.toString());
        }
    }

    private void closeTracking() {
        if (tracking != null) {
            tracking.close();
            trackingLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private void closeConsumer() {
        if (consumer != null) {
            try {
                consumer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
