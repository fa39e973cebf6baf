package io.skirmish.logship.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skirmish.kit.ops.OpsServer;
import io.skirmish.kit.ops.ReadinessCheck;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.logship.LogShipper;
import io.skirmish.logship.LogShipperConfig;
import io.skirmish.logship.sink.ElasticsearchConnection;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/** The ops endpoint as LogShipperMain wires it: /ready follows Elasticsearch, /metrics has the logship meters. */
@RedisTest
@ElasticsearchTest
@Timeout(60)
class OpsEndpointIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void notReadyWhileElasticsearchIsUnreachableReadyWhenItAnswers(RedisEndpoint redis, ElasticsearchEndpoint es)
            throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + FreePorts.next());
        try (Running down = new Running(ShipperFixture.config("ops-down", "one", redis, es), nowhere);
             Running up = new Running(ShipperFixture.config("ops-up", "one", redis, es), URI.create(es.uri().toString()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> get(up.ops, "/ready").statusCode() == 200);
            HttpResponse<String> notReady = get(down.ops, "/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("elasticsearch unreachable", "index template");
            assertThat(get(down.ops, "/health").statusCode()).isEqualTo(200);
            assertThat(get(up.ops, "/metrics").body()).contains("logship_docs_indexed_total", "logship_stream_lag",
                    "logship_stream_oldest_unacked_age_seconds", "logship_inflight_entries", "logship_events_read_total");
        }
    }

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Redis, Elasticsearch client, shipper and ops endpoint, wired as in LogShipperMain. */
    private static final class Running implements AutoCloseable {
        final UnifiedJedis redis;
        final ElasticsearchConnection elasticsearch;
        final LogShipper shipper;
        final OpsServer ops;

        Running(LogShipperConfig config, URI elasticsearchUrl) throws Exception {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            redis = RedisConnector.open(RedisAddress.parse(config.redis().toString()), "ops-it", Duration.ofSeconds(2));
            elasticsearch = new ElasticsearchConnection(elasticsearchUrl, Duration.ofSeconds(5));
            shipper = new LogShipper(config, redis, elasticsearch, registry);
            List<ReadinessCheck> checks = new ArrayList<>();
            checks.add(RedisConnector.readiness(redis));
            checks.addAll(shipper.readiness());
            ops = OpsServer.start("127.0.0.1", 0, registry, checks);
            shipper.start();
        }

        @Override
        public void close() throws Exception {
            shipper.close();
            ops.close();
            elasticsearch.close();
            redis.close();
        }
    }
}
