package io.skirmish.kit.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * A test hook, served only when a process is started with its test flag (never by default):
 * {@code POST /test/cpu-burn?seconds=N&threads=K} spins K daemon threads for N seconds
 * ({@code DELETE} ends the burn early), so an alert test can drive a real service's CPU above
 * its threshold and watch the alert fire and resolve. Bounded: at most {@value #MAX_SECONDS} s and {@value #MAX_THREADS} threads, one burn
 * at a time; anything else is refused with 400 or 409.
 */
final class CpuBurnHook implements HttpHandler {

    static final String PATH = "/test/cpu-burn";
    static final int MAX_SECONDS = 300;
    static final int MAX_THREADS = 8;

    private final LongSupplier nanoClock;
    private final AtomicInteger running = new AtomicInteger();
    private volatile long deadlineNs;

    CpuBurnHook(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                deadlineNs = nanoClock.getAsLong();
                reply(exchange, 200, "burn ended\n");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "POST or DELETE only\n");
                return;
            }
            int seconds;
            int threads;
            try {
                seconds = parameter(exchange, "seconds", MAX_SECONDS);
                threads = parameter(exchange, "threads", MAX_THREADS);
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, e.getMessage() + "\n");
                return;
            }
            if (!running.compareAndSet(0, threads)) {
                reply(exchange, 409, "a burn is already running\n");
                return;
            }
            deadlineNs = nanoClock.getAsLong() + seconds * 1_000_000_000L;
            for (int i = 0; i < threads; i++) {
                Thread thread = new Thread(this::spinUntilDeadline, "cpu-burn-" + i);
                thread.setDaemon(true);
                thread.start();
            }
            reply(exchange, 202, "burning " + threads + " threads for " + seconds + " s\n");
        }
    }

    private void spinUntilDeadline() {
        long x = 1;
        while (nanoClock.getAsLong() < deadlineNs) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        if (x == 42) {
            Thread.yield(); // keeps the loop's result alive so the JIT cannot drop it
        }
        running.decrementAndGet();
    }

    private static int parameter(HttpExchange exchange, String name, int max) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    String text = pair.substring(name.length() + 1);
                    int value;
                    try {
                        value = Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
                    }
                    if (value < 1 || value > max) {
                        throw new IllegalArgumentException(name + " must be 1.." + max + ", got " + value);
                    }
                    return value;
                }
            }
        }
        throw new IllegalArgumentException("missing " + name + " (1.." + max + ")");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
