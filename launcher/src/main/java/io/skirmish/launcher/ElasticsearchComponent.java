package io.skirmish.launcher;

import io.skirmish.testkit.process.ElasticsearchConfig;
import io.skirmish.testkit.process.ElasticsearchProcess;
import java.nio.file.Path;
import java.util.List;

/**
 * The stack's single Elasticsearch node (the integ-test zip from Maven Central, run as an
 * unprivileged user under root; both handled by {@link ElasticsearchProcess}). Stopping deletes
 * its data folder, so the next run starts empty on a clean folder rather than recovering indices
 * of a run nobody is looking at any more; the logs stay.
 */
final class ElasticsearchComponent implements StackComponent {
    private static final String CLUSTER_NAME = "skirmish-local";

    private final ElasticsearchConfig config;
    private ElasticsearchProcess elasticsearch;

    ElasticsearchComponent(Path workDir, int httpPort) {
        this.config = ElasticsearchConfig.defaults(workDir).withHttpPort(httpPort).withClusterName(CLUSTER_NAME);
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public void start() {
        elasticsearch = ElasticsearchProcess.start(config);
    }

    @Override
    public String address() {
        return elasticsearch.endpoint().toString();
    }

    @Override
    public String details() {
        return "health: curl " + elasticsearch.endpoint() + "/_cluster/health?pretty";
    }

    @Override
    public List<Path> logs() {
        // The node folder may live under /tmp when running as root (see ElasticsearchProcess.baseDir).
        return elasticsearch == null ? List.of()
                : List.of(elasticsearch.consoleLog(), elasticsearch.logsDir().resolve(CLUSTER_NAME + ".log"));
    }

    @Override
    public List<String> whereToLook() {
        return List.of("match events: curl -s '" + address()
                + "/skirmish-events-*/_search?size=5&sort=@timestamp:desc&pretty'",
                "events by type: curl -s '" + address() + "/skirmish-events-*/_search?size=0&pretty' "
                        + "-H 'Content-Type: application/json' -d '{\"aggs\":{\"types\":{\"terms\":{\"field\":\"type\"}}}}'");
    }

    @Override
    public boolean isRunning() {
        return elasticsearch != null && elasticsearch.isRunning();
    }

    @Override
    public void stop() {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }
}
