package io.skirmish.logship;

import java.net.URI;
import java.time.Duration;

import io.skirmish.kit.config.Checks;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.protocol.contract.EventStreams;

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

    /**
     * A builder holding the defaults for one machine (the same as the flags'), for the values
     * without a sensible default given here; {@link Builder#build} validates.
     */
    public static Builder builder(String consumerName, RedisAddress redis, URI elasticsearch) {
        return new Builder(consumerName, redis, elasticsearch);
    }

    /** A builder starting from this configuration, to change a few values. */
    public Builder toBuilder() {
        Builder builder = new Builder(consumerName, redis, elasticsearch);
        builder.bindHost = bindHost;
        builder.opsPort = opsPort;
        builder.stream = stream;
        builder.deadLetterStream = deadLetterStream;
        builder.group = group;
        builder.indexPrefix = indexPrefix;
        builder.readBatch = readBatch;
        builder.maxInFlight = maxInFlight;
        builder.maxInFlightBytes = maxInFlightBytes;
        builder.maxDocBytes = maxDocBytes;
        builder.bulkActions = bulkActions;
        builder.bulkBytes = bulkBytes;
        builder.flushInterval = flushInterval;
        builder.bulkConcurrency = bulkConcurrency;
        builder.claimIdle = claimIdle;
        builder.retryMinBackoff = retryMinBackoff;
        builder.retryMaxBackoff = retryMaxBackoff;
        builder.deadLetterMaxLen = deadLetterMaxLen;
        builder.drainTimeout = drainTimeout;
        return builder;
    }

    /**
     * Fluent setters named after the components, the defaults in one place (Aeron's
     * {@code Context} style); nothing is checked before {@link #build}, which runs the record's
     * validation and names the bad option.
     */
    public static final class Builder {
        private String consumerName;
        private String bindHost = "127.0.0.1";
        private int opsPort = 7980;
        private RedisAddress redis;
        private URI elasticsearch;
        private String stream = EventStreams.EVENTS;
        private String deadLetterStream = EventStreams.EVENTS_DEAD;
        private String group = "logship";
        private String indexPrefix = "skirmish-events";
        private int readBatch = 1_000;
        private int maxInFlight = 20_000;
        private long maxInFlightBytes = 64L * 1024 * 1024;
        private int maxDocBytes = 1024 * 1024;
        private int bulkActions = 1_000;
        private long bulkBytes = 5L * 1024 * 1024;
        private Duration flushInterval = Duration.ofMillis(500);
        private int bulkConcurrency = 2;
        private Duration claimIdle = Duration.ofSeconds(30);
        private Duration retryMinBackoff = Duration.ofMillis(100);
        private Duration retryMaxBackoff = Duration.ofSeconds(5);
        private long deadLetterMaxLen = 1_000_000;
        private Duration drainTimeout = Duration.ofSeconds(10);

        private Builder(String consumerName, RedisAddress redis, URI elasticsearch) {
            this.consumerName = consumerName;
            this.redis = redis;
            this.elasticsearch = elasticsearch;
        }

        public Builder consumerName(String consumerName) {
            this.consumerName = consumerName;
            return this;
        }

        public Builder bindHost(String bindHost) {
            this.bindHost = bindHost;
            return this;
        }

        public Builder opsPort(int opsPort) {
            this.opsPort = opsPort;
            return this;
        }

        public Builder redis(RedisAddress redis) {
            this.redis = redis;
            return this;
        }

        public Builder elasticsearch(URI elasticsearch) {
            this.elasticsearch = elasticsearch;
            return this;
        }

        public Builder stream(String stream) {
            this.stream = stream;
            return this;
        }

        public Builder deadLetterStream(String deadLetterStream) {
            this.deadLetterStream = deadLetterStream;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder indexPrefix(String indexPrefix) {
            this.indexPrefix = indexPrefix;
            return this;
        }

        public Builder readBatch(int readBatch) {
            this.readBatch = readBatch;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder maxInFlightBytes(long maxInFlightBytes) {
            this.maxInFlightBytes = maxInFlightBytes;
            return this;
        }

        public Builder maxDocBytes(int maxDocBytes) {
            this.maxDocBytes = maxDocBytes;
            return this;
        }

        public Builder bulkActions(int bulkActions) {
            this.bulkActions = bulkActions;
            return this;
        }

        public Builder bulkBytes(long bulkBytes) {
            this.bulkBytes = bulkBytes;
            return this;
        }

        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        public Builder bulkConcurrency(int bulkConcurrency) {
            this.bulkConcurrency = bulkConcurrency;
            return this;
        }

        public Builder claimIdle(Duration claimIdle) {
            this.claimIdle = claimIdle;
            return this;
        }

        public Builder retryMinBackoff(Duration retryMinBackoff) {
            this.retryMinBackoff = retryMinBackoff;
            return this;
        }

        public Builder retryMaxBackoff(Duration retryMaxBackoff) {
            this.retryMaxBackoff = retryMaxBackoff;
            return this;
        }

        public Builder deadLetterMaxLen(long deadLetterMaxLen) {
            this.deadLetterMaxLen = deadLetterMaxLen;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public LogShipperConfig build() {
            return new LogShipperConfig(consumerName, bindHost, opsPort, redis, elasticsearch, stream,
                    deadLetterStream, group, indexPrefix, readBatch, maxInFlight, maxInFlightBytes, maxDocBytes,
                    bulkActions, bulkBytes, flushInterval, bulkConcurrency, claimIdle, retryMinBackoff,
                    retryMaxBackoff, deadLetterMaxLen, drainTimeout);
        }
    }
}
