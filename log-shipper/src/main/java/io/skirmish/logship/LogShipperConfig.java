package io.skirmish.logship;

import java.net.URI;
import java.time.Duration;

import io.skirmish.kit.config.Checks;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.redis.RedisAddress;

/**
 * Everything a log-shipper process is configured with, validated at start-up (a bad value names
 * its option and stops the process with exit code 2).
 *
 * @param consumerName     this instance's name in the consumer group; a restarted instance that keeps
 *                         its name re-reads its own unacknowledged entries at once, a new name leaves
 *                         them to {@code claimIdle}
 * @param bindHost         address of the ops endpoint
 * @param opsPort          /metrics, /health, /ready (0 = any free port)
 * @param redis            where {@code skirmish:events} lives
 * @param elasticsearch    {@code http://host:port} of one Elasticsearch node (or a load balancer)
 * @param stream           the stream consumed (normally {@code skirmish:events})
 * @param deadLetterStream where permanently rejected documents go with their reason
 * @param group            consumer group shared by every shipper instance
 * @param indexPrefix      daily indices are {@code <prefix>-yyyy.MM.dd}; the index template has the prefix's name
 * @param readBatch        most entries one XREADGROUP / XAUTOCLAIM returns
 * @param maxInFlight      most entries read and not yet acknowledged; reading stops at this bound
 * @param maxInFlightBytes most document bytes held in memory; reading stops at this bound
 * @param maxDocBytes      a larger document is dead-lettered without being sent
 * @param bulkActions      flush a bulk request at this many documents
 * @param bulkBytes        flush a bulk request at this many bytes
 * @param flushInterval    flush a bulk request at least this often
 * @param bulkConcurrency  bulk requests in flight at once
 * @param claimIdle        entries pending this long with another (dead) consumer are claimed
 * @param retryMinBackoff  first wait before a failed document is sent again
 * @param retryMaxBackoff  longest wait between two attempts (retries never stop for 429/5xx/outages)
 * @param deadLetterMaxLen approximate cap of the dead-letter stream (XADD MAXLEN ~)
 * @param drainTimeout     on SIGTERM, how long in-flight bulks may take to be acknowledged
 */
public record LogShipperConfig(String consumerName, String bindHost, int opsPort, RedisAddress redis, URI elasticsearch,
                               String stream, String deadLetterStream, String group, String indexPrefix,
                               int readBatch, int maxInFlight, long maxInFlightBytes, int maxDocBytes,
                               int bulkActions, long bulkBytes, Duration flushInterval, int bulkConcurrency,
                               Duration claimIdle, Duration retryMinBackoff, Duration retryMaxBackoff,
                               long deadLetterMaxLen, Duration drainTimeout) {

    public LogShipperConfig {
        Checks.notBlank("consumer-name", consumerName);
        if (!consumerName.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw new ConfigException("consumer-name", consumerName, "expected 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        Checks.notBlank("bind-host", bindHost);
        Checks.port("ops-port", opsPort);
        Checks.notNull("redis-url", redis);
        Checks.notNull("elasticsearch-url", elasticsearch);
        if (!"http".equals(elasticsearch.getScheme()) && !"https".equals(elasticsearch.getScheme())
                || elasticsearch.getHost() == null) {
            throw new ConfigException("elasticsearch-url", elasticsearch, "expected http://host:port or https://host:port");
        }
        Checks.notBlank("stream", stream);
        Checks.notBlank("dead-letter-stream", deadLetterStream);
        Checks.notBlank("group", group);
        Checks.notBlank("index-prefix", indexPrefix);
        if (!indexPrefix.matches("[a-z0-9][a-z0-9._-]{0,200}")) {
            throw new ConfigException("index-prefix", indexPrefix,
                    "expected lower-case letters, digits, '.', '_' or '-' (an Elasticsearch index name)");
        }
        Checks.inRange("read-batch", readBatch, 1, 100_000);
        Checks.inRange("max-in-flight", maxInFlight, 1, 10_000_000);
        Checks.inRange("max-in-flight-bytes", maxInFlightBytes, 1_024, 1L << 34);
        Checks.inRange("max-doc-bytes", maxDocBytes, 64, 100 * 1024 * 1024);
        Checks.inRange("bulk-actions", bulkActions, 1, 100_000);
        Checks.inRange("bulk-bytes", bulkBytes, 1_024, 90L * 1024 * 1024);
        Checks.positive("flush-interval", flushInterval);
        Checks.inRange("bulk-concurrency", bulkConcurrency, 1, 64);
        Checks.positive("claim-idle", claimIdle);
        Checks.positive("retry-min-backoff", retryMinBackoff);
        Checks.positive("retry-max-backoff", retryMaxBackoff);
        if (retryMaxBackoff.compareTo(retryMinBackoff) < 0) {
            throw new ConfigException("retry-max-backoff", retryMaxBackoff, "expected at least retry-min-backoff ("
                    + retryMinBackoff + ")");
        }
        Checks.inRange("dead-letter-max-len", deadLetterMaxLen, 1, Long.MAX_VALUE);
        Checks.positive("drain-timeout", drainTimeout);
        if (maxInFlight < readBatch) {
            throw new ConfigException("max-in-flight", maxInFlight, "expected at least read-batch (" + readBatch + ")");
        }
    }

    /** Defaults for one machine, as the flags document them. */
    public static LogShipperConfig defaults(String consumerName, RedisAddress redis, URI elasticsearch) {
        return new LogShipperConfig(consumerName, "127.0.0.1", 7980, redis, elasticsearch, "skirmish:events",
                "skirmish:events:dead", "logship", "skirmish-events", 1_000, 20_000, 64L * 1024 * 1024,
                1024 * 1024, 1_000, 5L * 1024 * 1024, Duration.ofMillis(500), 2, Duration.ofSeconds(30),
                Duration.ofMillis(100), Duration.ofSeconds(5), 1_000_000, Duration.ofSeconds(10));
    }

    public LogShipperConfig withStreams(String stream, String deadLetterStream, String group) {
        return new LogShipperConfig(consumerName, bindHost, opsPort, redis, elasticsearch, stream, deadLetterStream,
                group, indexPrefix, readBatch, maxInFlight, maxInFlightBytes, maxDocBytes, bulkActions, bulkBytes,
                flushInterval, bulkConcurrency, claimIdle, retryMinBackoff, retryMaxBackoff, deadLetterMaxLen,
                drainTimeout);
    }

    public LogShipperConfig withIndexPrefix(String prefix) {
        return new LogShipperConfig(consumerName, bindHost, opsPort, redis, elasticsearch, stream, deadLetterStream,
                group, prefix, readBatch, maxInFlight, maxInFlightBytes, maxDocBytes, bulkActions, bulkBytes,
                flushInterval, bulkConcurrency, claimIdle, retryMinBackoff, retryMaxBackoff, deadLetterMaxLen,
                drainTimeout);
    }

    public LogShipperConfig withOpsPort(int port) {
        return new LogShipperConfig(consumerName, bindHost, port, redis, elasticsearch, stream, deadLetterStream,
                group, indexPrefix, readBatch, maxInFlight, maxInFlightBytes, maxDocBytes, bulkActions, bulkBytes,
                flushInterval, bulkConcurrency, claimIdle, retryMinBackoff, retryMaxBackoff, deadLetterMaxLen,
                drainTimeout);
    }

    public LogShipperConfig withFlow(int readBatch, int maxInFlight, int bulkActions, Duration flushInterval) {
        return new LogShipperConfig(consumerName, bindHost, opsPort, redis, elasticsearch, stream, deadLetterStream,
                group, indexPrefix, readBatch, maxInFlight, maxInFlightBytes, maxDocBytes, bulkActions, bulkBytes,
                flushInterval, bulkConcurrency, claimIdle, retryMinBackoff, retryMaxBackoff, deadLetterMaxLen,
                drainTimeout);
    }

    public LogShipperConfig withClaimIdle(Duration idle) {
        return new LogShipperConfig(consumerName, bindHost, opsPort, redis, elasticsearch, stream, deadLetterStream,
                group, indexPrefix, readBatch, maxInFlight, maxInFlightBytes, maxDocBytes, bulkActions, bulkBytes,
                flushInterval, bulkConcurrency, idle, retryMinBackoff, retryMaxBackoff, deadLetterMaxLen,
                drainTimeout);
    }

    public LogShipperConfig withMaxDocBytes(int bytes) {
        return new LogShipperConfig(consumerName, bindHost, opsPort, redis, elasticsearch, stream, deadLetterStream,
                group, indexPrefix, readBatch, maxInFlight, maxInFlightBytes, bytes, bulkActions, bulkBytes,
                flushInterval, bulkConcurrency, claimIdle, retryMinBackoff, retryMaxBackoff, deadLetterMaxLen,
                drainTimeout);
    }
}
