package io.skirmish.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The receiver end of Alertmanager's webhook, on loopback: records each alert of each
 * notification (name, status, labels) with the time it arrived.
 */
final class AlertWebhook implements AutoCloseable {

    /** One alert as one notification carried it. */
    record Received(long atNanos, String alertname, String status, JsonNode labels) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    AlertWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                long now = System.nanoTime();
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                for (JsonNode alert : body.path("alerts")) {
                    received.add(new Received(now, alert.path("labels").path("alertname").asText(),
                            alert.path("status").asText(), alert.path("labels")));
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The first notification of {@code alertname} with {@code status} that arrived after {@code sinceNanos}. */
    Optional<Received> first(String alertname, String status, long sinceNanos) {
        return received.stream().filter(r -> r.alertname().equals(alertname) && r.status().equals(status)
                && r.atNanos() >= sinceNanos).findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
