package io.skirmish.kit.redis;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DurationConverter;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

/**
 * The command-line options of a {@link StreamTrimmer}, shared by every service that consumes a
 * stream (a picocli mixin), and the scheduler that runs it.
 */
public final class StreamTrimOptions {

    @Option(names = "--stream-retention", defaultValue = "24h", converter = DurationConverter.class,
            description = "Entries of the consumed stream younger than this are kept even when every consumer group "
                    + "acknowledged them; older acknowledged ones are trimmed (default: ${DEFAULT-VALUE}).")
    Duration retention = Duration.ofHours(24);

    @Option(names = "--stream-trim-interval", defaultValue = "60s", converter = DurationConverter.class,
            description = "How often the consumed stream is trimmed; 0s never trims (default: ${DEFAULT-VALUE}).")
    Duration interval = Duration.ofSeconds(60);

    /** Checks the flags before anything starts. @throws ConfigException for a negative retention or interval */
    public void validate() {
        if (retention.isNegative()) {
            throw new ConfigException("stream-retention", retention.toString(), "must not be negative");
        }
        if (interval.isNegative()) {
            throw new ConfigException("stream-trim-interval", interval.toString(), "must not be negative (0s: never trim)");
        }
    }

    /**
     * Starts trimming {@code stream} every interval on a thread of its own, first after one
     * interval. Returns what stops it; nothing runs when the interval is zero.
     *
     * @throws ConfigException for a negative retention or interval
     */
    public AutoCloseable start(UnifiedJedis redis, String stream, MeterRegistry registry) {
        validate();
        if (interval.isZero()) {
            return () -> { };
        }
        StreamTrimmer trimmer = new StreamTrimmer(redis, stream, retention, System::currentTimeMillis, registry);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stream-trim");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(trimmer, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler::shutdownNow;
    }
}
