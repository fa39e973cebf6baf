package io.skirmish.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.skirmish.testkit.process.Executables;
import io.skirmish.testkit.process.FreePorts;

/**
 * The real {@code haproxy} binary with the project's own {@code deploy/haproxy/haproxy.cfg},
 * moved onto loopback: every {@code bind :PORT} becomes a free 127.0.0.1 port, every server
 * line points at the test's process of that name (client port and {@code /ready} port), and the
 * Docker DNS resolver is dropped (the addresses are literal). Everything else (TCP mode,
 * {@code leastconn}, the health checks' interval, fall and rise, retries and redispatch) is the
 * shipped file's, so a drill measures what a deployment gets. A line the rewrite expects and
 * does not find fails the start: the drill cannot silently test another file.
 */
final class HaproxyFront implements AutoCloseable {

    private static final Path SHIPPED = Path.of("..", "deploy", "haproxy", "haproxy.cfg");
    private static final Pattern BIND = Pattern.compile("^(\\s*)bind :(\\d+)\\s*$");
    private static final Pattern SERVER = Pattern.compile("^(\\s*)server (\\S+) \\S+:\\d+ check port \\d+\\s*$");

    /** Where one server line of the shipped file points in the test. */
    record Backend(int clientPort, int readyPort) {
    }

    /** Loopback port of each frontend, by the port the shipped file binds ({@code 7600} for match). */
    private final Map<Integer, Integer> frontends = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Path config;
    private final Path log;
    private Process process;

    /**
     * @param servers every server name of the shipped file (e.g. {@code match-server-1}) with its
     *                test ports
     */
    HaproxyFront(Path workDir, Map<String, Backend> servers) {
        this.config = workDir.resolve("haproxy.cfg");
        this.log = workDir.resolve("haproxy.log");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, loopback(Files.readAllLines(SHIPPED), servers));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the HAProxy configuration under " + workDir, e);
        }
    }

    private String loopback(List<String> shipped, Map<String, Backend> servers) {
        StringBuilder out = new StringBuilder();
        Map<String, Backend> unused = new LinkedHashMap<>(servers);
        boolean inResolvers = false;
        for (String line : shipped) {
            if (line.startsWith("resolvers ")) {
                inResolvers = true;
                continue;
            }
            if (inResolvers) {
                inResolvers = !line.isBlank();
                continue;
            }
            Matcher bind = BIND.matcher(line);
            Matcher server = SERVER.matcher(line);
            if (bind.matches()) {
                int port = FreePorts.next();
                frontends.put(Integer.parseInt(bind.group(2)), port);
                line = bind.group(1) + "bind 127.0.0.1:" + port;
            } else if (server.matches()) {
                Backend backend = unused.remove(server.group(2));
                if (backend == null) {
                    throw new IllegalArgumentException("no test process for server " + server.group(2) + " of " + SHIPPED);
                }
                line = server.group(1) + "server " + server.group(2) + " 127.0.0.1:" + backend.clientPort()
                        + " check port " + backend.readyPort();
            } else if (line.contains(" resolvers docker")) {
                line = line.replace(" resolvers docker", "");
            }
            out.append(line).append('\n');
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(SHIPPED + " has no server line for " + unused.keySet());
        }
        return out.toString();
    }

    HaproxyFront start() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", env.getOrDefault("PATH", "") + ":/usr/sbin:/sbin");
        Path binary = Executables.require("haproxy", "SKIRMISH_HAPROXY", "install it with `apt-get install -y haproxy`", env);
        try {
            process = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> process.isAlive() && !status().isEmpty());
        return this;
    }

    /** The loopback port standing for the shipped file's {@code bind :shippedPort}. */
    int port(int shippedPort) {
        Integer port = frontends.get(shippedPort);
        if (port == null) {
            throw new IllegalArgumentException(SHIPPED + " binds no port " + shippedPort + "; it binds " + frontends.keySet());
        }
        return port;
    }

    /**
     * HAProxy's view of each server, {@code backend/server} to its check status ({@code UP},
     * {@code DOWN}, {@code UP 1/2} while a change is being confirmed, ...), from the stats CSV.
     */
    Map<String, String> status() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port(8404) + "/stats;csv")).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String[] lines = response.body().split("\n");
        List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(","));
        int statusColumn = header.indexOf("status");
        Map<String, String> status = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields.length > statusColumn && !fields[1].equals("FRONTEND") && !fields[1].equals("BACKEND")) {
                status.put(fields[0] + "/" + fields[1], fields[statusColumn]);
            }
        }
        return status;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
