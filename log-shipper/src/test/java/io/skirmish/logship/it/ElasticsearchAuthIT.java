package io.skirmish.logship.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.skirmish.logship.sink.ElasticsearchConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A secured cluster (ECK) refuses anonymous requests: the connection must send the URL's
 * credentials on every request. A loopback HTTP server stands where Elasticsearch would and records
 * what arrives, because the integ-test distribution the other tests run has no security module.
 */
@Timeout(30)
class ElasticsearchAuthIT {

    @Test
    void everyRequestCarriesTheCredentialsOfTheUrl() throws Exception {
        BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(header == null ? "none" : header);
            byte[] body = "{\"status\":\"green\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://shipper:s3cret@127.0.0.1:" + server.getAddress().getPort());
        try (ElasticsearchConnection connection = new ElasticsearchConnection(url, Duration.ofSeconds(5))) {
            assertThat(connection.notReadyReason()).isNull();
            assertThat(authorizations.poll(5, TimeUnit.SECONDS)).isEqualTo("Basic c2hpcHBlcjpzM2NyZXQ=");
            assertThat(connection.url().toString()).doesNotContain("s3cret");
        } finally {
            server.stop(0);
        }
    }
}
