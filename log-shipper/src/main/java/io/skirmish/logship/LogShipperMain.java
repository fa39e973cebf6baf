package io.skirmish.logship;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.cli.OpsPortOptions;
import io.skirmish.kit.cli.ServerOptions;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.InstanceIds;
import io.skirmish.kit.lifecycle.Lifecycle;
import io.skirmish.kit.log.LogOptions;
import io.skirmish.kit.ops.DependencyGauge;
import io.skirmish.kit.ops.MeterRegistries;
import io.skirmish.kit.ops.OpsServer;
import io.skirmish.kit.ops.ReadinessCheck;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.kit.redis.StreamTrimOptions;
import io.skirmish.logship.logs.LogFileOptions;
import io.skirmish.logship.sink.ElasticsearchConnection;
import io.skirmish.protocol.contract.EventStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

/** The log-shipper process: flags to {@link LogShipperConfig}, then ship until SIGTERM. */
@Command(name = "log-shipper", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Skirmish log-shipper: skirmish:events (Redis Stream, consumer group) to Elasticsearch, "
                + "each event exactly once (document id = event id).%n"
                + "Every option can also be set as SKIRMISH_<OPTION> (e.g. SKIRMISH_ELASTICSEARCH_URL) or in the "
                + "properties file named by SKIRMISH_CONFIG.")
public final class LogShipperMain implements Callable<Integer> {

    @Mixin
    ServerOptions serverOptions = new ServerOptions();

    @Mixin
    LogOptions logOptions = new LogOptions();

    @Mixin
    StreamTrimOptions streamTrim = new StreamTrimOptions();

    @Mixin
    LogFileOptions logFiles = new LogFileOptions();

    @Option(names = "--consumer-name", description = "Name in the consumer group; keep it across restarts to "
            + "re-read own pending entries at once (default: <hostname>-<pid>).")
    String consumerName;

    @Mixin
    OpsPortOptions ops = new OpsPortOptions(7980);

    @Option(names = "--elasticsearch-url", defaultValue = "http://127.0.0.1:9200",
            description = "Elasticsearch HTTP address; http://user:password@host:port for a secured cluster, "
                    + "the password never logged (default: ${DEFAULT-VALUE}).")
    String elasticsearchUrl;

    @Option(names = "--stream", defaultValue = EventStreams.EVENTS, description = "Stream consumed (default: ${DEFAULT-VALUE}).")
    String stream;

    @Option(names = "--dead-letter-stream", defaultValue = EventStreams.EVENTS_DEAD,
            description = "Where rejected documents go, with the reason (default: ${DEFAULT-VALUE}).")
    String deadLetterStream;

    @Option(names = "--group", defaultValue = "logship", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--index-prefix", defaultValue = "skirmish-events",
            description = "Daily indices <prefix>-yyyy.MM.dd, template <prefix> (default: ${DEFAULT-VALUE}).")
    String indexPrefix;

    @Option(names = "--read-batch", defaultValue = "1000", description = "Entries per XREADGROUP (default: ${DEFAULT-VALUE}).")
    int readBatch;

    @Option(names = "--max-in-flight", defaultValue = "20000",
            description = "Entries read and not yet acknowledged; reading pauses at this bound (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--max-in-flight-bytes", defaultValue = "67108864",
            description = "Document bytes held in memory; reading pauses at this bound (default: ${DEFAULT-VALUE}).")
    long maxInFlightBytes;

    @Option(names = "--max-doc-bytes", defaultValue = "1048576",
            description = "Larger documents are dead-lettered (default: ${DEFAULT-VALUE}).")
    int maxDocBytes;

    @Option(names = "--bulk-actions", defaultValue = "1000", description = "Documents per bulk request (default: ${DEFAULT-VALUE}).")
    int bulkActions;

    @Option(names = "--bulk-bytes", defaultValue = "5242880", description = "Bytes per bulk request (default: ${DEFAULT-VALUE}).")
    long bulkBytes;

    @Option(names = "--flush-interval", defaultValue = "500ms",
            description = "A partial bulk request is sent after this long (default: ${DEFAULT-VALUE}).")
    Duration flushInterval;

    @Option(names = "--bulk-concurrency", defaultValue = "2",
            description = "Bulk requests in flight at once (default: ${DEFAULT-VALUE}).")
    int bulkConcurrency;

    @Option(names = "--claim-idle", defaultValue = "30s",
            description = "Claim entries another consumer has held this long (default: ${DEFAULT-VALUE}).")
    Duration claimIdle;

    @Option(names = "--retry-min-backoff", defaultValue = "100ms", description = "First retry wait (default: ${DEFAULT-VALUE}).")
    Duration retryMinBackoff;

    @Option(names = "--retry-max-backoff", defaultValue = "5s", description = "Longest retry wait (default: ${DEFAULT-VALUE}).")
    Duration retryMaxBackoff;

    @Option(names = "--dead-letter-max-len", defaultValue = "1000000",
            description = "Approximate cap of the dead-letter stream (default: ${DEFAULT-VALUE}).")
    long deadLetterMaxLen;

    @Option(names = "--drain-timeout", defaultValue = "10s",
            description = "On SIGTERM, how long in-flight documents may take (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    public static void main(String[] args) {
        int exitCode = CommandRunner.run(new LogShipperMain(), args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    LogShipperConfig config() {
        URI elasticsearch;
        try {
            elasticsearch = URI.create(elasticsearchUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("elasticsearch-url", elasticsearchUrl, "expected http://host:port");
        }
        streamTrim.validate();
        logFiles.validate();
        return LogShipperConfig.builder(consumerName == null ? defaultConsumerName() : consumerName,
                        serverOptions.redis(), elasticsearch)
                .bindHost(serverOptions.bindHost()).opsPort(ops.opsPort())
                .stream(stream).deadLetterStream(deadLetterStream).group(group).indexPrefix(indexPrefix)
                .readBatch(readBatch).maxInFlight(maxInFlight).maxInFlightBytes(maxInFlightBytes).maxDocBytes(maxDocBytes)
                .bulkActions(bulkActions).bulkBytes(bulkBytes).flushInterval(flushInterval)
                .bulkConcurrency(bulkConcurrency)
                .claimIdle(claimIdle).retryMinBackoff(retryMinBackoff).retryMaxBackoff(retryMaxBackoff)
                .deadLetterMaxLen(deadLetterMaxLen).drainTimeout(drainTimeout)
                .build();
    }

    private static String defaultConsumerName() {
        return InstanceIds.host("logship") + "-" + ProcessHandle.current().pid();
    }

    @Override
    public Integer call() throws Exception {
        LogShipperConfig config = config();
        logOptions.apply("log-shipper", config.consumerName());
        Lifecycle lifecycle = new Lifecycle("log-shipper");
        try {
            PrometheusMeterRegistry registry = MeterRegistries.prometheus("log-shipper", config.consumerName());
            lifecycle.register("metrics", registry::close);
            UnifiedJedis redis = lifecycle.register("redis",
                    RedisConnector.open(config.redis(), "log-shipper-" + config.consumerName(), Duration.ofSeconds(2)));
            ElasticsearchConnection elasticsearch = lifecycle.register("elasticsearch",
                    new ElasticsearchConnection(config.elasticsearch(), Duration.ofSeconds(30)));
            LogShipper shipper = new LogShipper(config, redis, elasticsearch, registry);
            List<ReadinessCheck> checks = new ArrayList<>();
            checks.add(RedisConnector.readiness(redis));
            checks.addAll(shipper.readiness());
            DependencyGauge.bind(registry, "redis", RedisConnector.readiness(redis));
            DependencyGauge.bind(registry, "elasticsearch", shipper.elasticsearchReadiness());
            lifecycle.register("ops", OpsServer.start(config.bindHost(), config.opsPort(), registry, checks));
            lifecycle.register("shipper", shipper.start());
            lifecycle.register("stream-trim", streamTrim.start(redis, config.stream(), registry));
            lifecycle.register("log-files", logFiles.start(elasticsearch.rest(), registry));
        } catch (RuntimeException e) {
            lifecycle.close();
            throw e;
        }
        lifecycle.closeOnShutdown();
        lifecycle.awaitStopped();
        return 0;
    }
}
