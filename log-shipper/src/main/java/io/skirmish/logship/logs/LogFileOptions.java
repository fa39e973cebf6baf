package io.skirmish.logship.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DurationConverter;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Option;

/**
 * The log-shipper's options for shipping the services' log files (a picocli mixin) and the
 * thread that does it; off unless {@code --log-dir} is given.
 */
public final class LogFileOptions {

    /** Most bytes of one file read (and sent in one bulk request) per round. */
    static final int MAX_BATCH_BYTES = 1 << 20;

    @Option(names = "--log-dir",
            description = "Ship the *.log files of this directory (services started with --log-file) into "
                    + "Elasticsearch, indices <logs-index-prefix>-yyyy.MM.dd (default: off).")
    Path dir;

    @Option(names = "--log-checkpoint",
            description = "File keeping how far each log file was shipped (default: <log-dir>/.logship-checkpoint).")
    Path checkpoint;

    @Option(names = "--logs-index-prefix", defaultValue = "skirmish-logs",
            description = "Daily indices of the shipped log lines and the name of their template (default: ${DEFAULT-VALUE}).")
    String indexPrefix = "skirmish-logs";

    @Option(names = "--log-poll-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "How long to wait when no log file has new lines (default: ${DEFAULT-VALUE}).")
    Duration pollInterval = Duration.ofSeconds(1);

    /** Checks the flags before anything starts. */
    public void validate() {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new ConfigException("log-poll-interval", pollInterval.toString(), "must be positive");
        }
        if (!indexPrefix.matches("[a-z0-9][a-z0-9._-]{0,100}")) {
            throw new ConfigException("logs-index-prefix", indexPrefix, "expected lower-case letters, digits, '.', '_', '-'");
        }
    }

    /** Starts shipping on a thread of its own; returns what stops it (nothing runs without --log-dir). */
    public AutoCloseable start(RestClient elasticsearch, MeterRegistry registry) throws IOException {
        validate();
        if (dir == null) {
            return () -> { };
        }
        LogFileShipper shipper = new LogFileShipper(dir, checkpoint == null ? dir.resolve(".logship-checkpoint")
                : checkpoint, elasticsearch, indexPrefix, MAX_BATCH_BYTES, InstantSource.system(), registry);
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (shipper.doWork() == 0) {
                    try {
                        Thread.sleep(pollInterval.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "logship-files");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            thread.interrupt();
            thread.join(5_000);
        };
    }
}
