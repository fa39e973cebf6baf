package io.skirmish.testkit.process;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a Skirmish server, run as a child JVM by {@link JavaServiceProcessIT}: serves
 * {@code /ready} on the port given as the first argument, answering 503 for the first
 * {@code readyAfterMs} (second argument) and 200 afterwards. Modes (third argument):
 * {@code normal}, {@code exit} (prints a reason and exits 3 at once), {@code never-ready} (always
 * 503), {@code ignore-sigterm} (its shutdown hook never returns, so only SIGKILL ends it).
 */
public final class ReadyTestServer {
    private ReadyTestServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        long readyAfterMs = Long.parseLong(args[1]);
        String mode = args[2];
        System.out.println("ready-test-server mode=" + mode + " env.SKIRMISH_TEST=" + System.getenv("SKIRMISH_TEST"));
        if (mode.equals("exit")) {
            System.out.println("refusing to start: config key 'port' is bad");
            System.exit(3);
        }
        long readyAtMs = System.currentTimeMillis() + readyAfterMs;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/ready", exchange -> {
            boolean ready = !mode.equals("never-ready") && System.currentTimeMillis() >= readyAtMs;
            byte[] body = (ready ? "ready" : "starting").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("listening on " + port);
        CountDownLatch never = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping on SIGTERM");
            if (mode.equals("ignore-sigterm")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            server.stop(0);
        }));
        never.await();
    }
}
