package io.skirmish.kit.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint every Skirmish process exposes on its own HTTP port:
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format from the process's registry;</li>
 *   <li>{@code GET /health}: liveness, 200 while the process runs;</li>
 *   <li>{@code GET /ready}: readiness, 200 when every {@link ReadinessCheck} passes, otherwise
 *       503 with one reason per line.</li>
 * </ul>
 * Served by the JDK's HTTP server on one daemon thread: scrapes are rare and must never
 * compete with game or queue threads.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<ReadinessCheck> readinessChecks;

    private OpsServer(HttpServer server, ExecutorService executor, List<ReadinessCheck> readinessChecks) {
        this.server = server;
        this.executor = executor;
        this.readinessChecks = readinessChecks;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts serving. */
    public static OpsServer start(String host, int port, PrometheusMeterRegistry registry,
                                  List<ReadinessCheck> readinessChecks) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ops-http");
            thread.setDaemon(true);
            return thread;
        });
        OpsServer ops = new OpsServer(server, executor, List.copyOf(readinessChecks));
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
        server.createContext("/ready", ops::onReady);
        server.setExecutor(executor);
        server.start();
        LOG.info("ops endpoint listening address={}:{}", host, ops.port());
        return ops;
    }

    /**
     * Serves the CPU burn test hook ({@link CpuBurnHook}); only for processes started with their
     * test flag, so that an alert test can load a real service.
     */
    public void enableCpuBurnHook() {
        server.createContext(CpuBurnHook.PATH, new CpuBurnHook(System::nanoTime));
        LOG.warn("test hook enabled: POST {} burns CPU on request; never enable it in production", CpuBurnHook.PATH);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Reasons the process is not ready, empty when it is. */
    public List<String> notReadyReasons() {
        List<String> reasons = new ArrayList<>();
        for (ReadinessCheck check : readinessChecks) {
            String reason;
            try {
                reason = check.notReadyReason();
            } catch (RuntimeException e) {
                reason = "check failed: " + e.getClass().getSimpleName();
            }
            if (reason != null) {
                reasons.add(reason);
            }
        }
        return reasons;
    }

    private void onReady(HttpExchange exchange) throws IOException {
        List<String> reasons = notReadyReasons();
        if (reasons.isEmpty()) {
            respond(exchange, 200, "text/plain", "ready\n");
        } else {
            respond(exchange, 503, "text/plain", String.join("\n", reasons) + "\n");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                byte[] text = "method not allowed\n".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().putAll(Map.of("Allow", List.of("GET, HEAD")));
                exchange.sendResponseHeaders(405, text.length);
                exchange.getResponseBody().write(text);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
