package io.skirmish.logship;

import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.ops.ReadinessCheck;
import io.skirmish.logship.sink.DailyIndex;
import io.skirmish.logship.sink.ElasticsearchConnection;
import io.skirmish.logship.sink.EventIndexer;
import io.skirmish.logship.source.EventSource;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One running shipper: installs the index template and the consumer group (retrying until
 * Elasticsearch and Redis answer), then runs the {@link ShipperLoop} on its own thread, and a
 * probe thread that measures the stream lag and Elasticsearch's health once a second.
 *
 * <p>{@link #close()} stops the loop (it drains for up to the drain timeout) and the indexer;
 * the Redis and Elasticsearch clients belong to the caller.
 */
public final class LogShipper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
    private static final long PROBE_PERIOD_MS = 1_000;

    private final LogShipperConfig config;
    private final ElasticsearchConnection elasticsearch;
    private final EventSource source;
    private final EventIndexer indexer;
    private final ShipperMetrics metrics;
    private final ShipperLoop loop;
    private final Thread loopThread;
    private final ScheduledExecutorService probe;
    private final RateLimitedLog rateLimitedLog = RateLimitedLog.perMinute(LOG);
    private volatile boolean setUp;
    private volatile String elasticsearchProblem = "elasticsearch not checked yet";
    private volatile boolean closed;

    public LogShipper(LogShipperConfig config, UnifiedJedis redis, ElasticsearchConnection elasticsearch,
                      MeterRegistry registry) {
        this.config = config;
        this.elasticsearch = elasticsearch;
        this.source = new EventSource(redis, config.stream(), config.group(), config.consumerName(),
                config.deadLetterStream(), config.deadLetterMaxLen(), InstantSource.system());
        this.metrics = new ShipperMetrics(registry);
        this.indexer = new EventIndexer(elasticsearch.bulkClient(), config.bulkActions(), config.bulkBytes(),
                config.flushInterval().toMillis(), config.bulkConcurrency(), registry, SystemNanoClock.INSTANCE);
        this.loop = new ShipperLoop(config, source, indexer, metrics, SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
        this.loopThread = new Thread(this::setUpThenRun, "logship-loop");
        this.probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "logship-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the threads and returns at once; {@link #readiness()} says when shipping has begun. */
    public LogShipper start() {
        loopThread.start();
        probe.scheduleWithFixedDelay(this::probe, 0, PROBE_PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    public ShipperMetrics metrics() {
        return metrics;
    }

    /** Not ready before the template and group exist, nor while Elasticsearch is unreachable. */
    public List<ReadinessCheck> readiness() {
        return List.of(() -> setUp ? null : "starting: index template and consumer group not installed yet",
                elasticsearchReadiness());
    }

    /** Elasticsearch as the last probe saw it (probed on the shipper's schedule, not per call). */
    public ReadinessCheck elasticsearchReadiness() {
        return () -> elasticsearchProblem;
    }

    private void setUpThenRun() {
        long backoffMs = 100;
        while (!closed && !setUp) {
            try {
                elasticsearch.installTemplate(config.indexPrefix());
                source.createGroup();
                setUp = true;
                LOG.info("shipping stream={} group={} consumer={} to={} indices={} deadLetter={}", config.stream(),
                        config.group(), config.consumerName(), elasticsearch.url(),
                        DailyIndex.pattern(config.indexPrefix()), config.deadLetterStream());
            } catch (IOException | RuntimeException e) {
                rateLimitedLog.warn("setup", "cannot install the index template or consumer group yet, retrying: {}",
                        e.toString());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
        if (setUp) {
            loop.run();
        }
    }

    private void probe() {
        elasticsearchProblem = elasticsearch.notReadyReason();
        if (!setUp) {
            return;
        }
        try {
            metrics.onGroupState(source.groupState());
        } catch (JedisException e) {
            rateLimitedLog.warn("probe", "cannot read the consumer group state: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.stop();
        try {
            loopThread.join(config.drainTimeout().toMillis() + 35_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.shutdownNow();
        indexer.close();
    }
}
