package io.skirmish.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Elasticsearch node on 127.0.0.1, from the integ-test zip that Maven Central serves.
 *
 * <p>Layout below the base folder (the configured work dir, or {@code /tmp/skirmish-es-<hash>} when
 * running as root and the unprivileged user cannot reach the work dir):
 * <pre>
 *   elasticsearch-8.19.21/         unpacked once, reused while its marker matches the zip
 *   es-node-&lt;httpPort&gt;/config/    copy of the distribution's config (ES_PATH_CONF; ES writes its keystore here)
 *   es-node-&lt;httpPort&gt;/data/      path.data, kept by stop(), deleted by close()
 *   es-node-&lt;httpPort&gt;/logs/      path.logs: &lt;cluster.name&gt;.log, gc.log
 *   es-node-&lt;httpPort&gt;/console.log stdout and stderr of bin/elasticsearch
 * </pre>
 *
 * <p>Elasticsearch refuses to run as root, so under root the node runs as {@link UnprivilegedUser}
 * through {@code setpriv}, owning the distribution and the node folder. The zip has no bundled
 * JDK: {@code ES_JAVA_HOME} is this JVM's home. Ports are fixed when the object is built, so
 * {@link #stop()} then {@link #start()} brings the same node back on the same data and address.
 * Methods are synchronized; any thread may call them.
 */
public final class ElasticsearchProcess implements AutoCloseable {
    public static final String ZIP_PROPERTY = "skirmish.elasticsearch.zip";
    public static final String ZIP_ENV = "SKIRMISH_ELASTICSEARCH_ZIP";
    public static final String JAVA_HOME_ENV = "SKIRMISH_ES_JAVA_HOME";
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchProcess.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final ElasticsearchConfig config;
    private final Map<String, String> env;
    private final UnprivilegedUser user;
    private final Path baseDir;
    private final Path home;
    private final Path javaHome;
    private final int httpPort;
    private final int transportPort;
    private final Path nodeDir;
    private final HttpClient http;
    /** Keeps the start-up deadline and times the start for the log. */
    private final NanoClock nanoClock;
    private Process process;

    /** Fetches and unpacks the distribution if needed and picks ports; does not start the node. */
    public ElasticsearchProcess(ElasticsearchConfig config) {
        this(config, SystemNanoClock.INSTANCE);
    }

    /** As {@link #ElasticsearchProcess(ElasticsearchConfig)}, timed by {@code nanoClock}. */
    public ElasticsearchProcess(ElasticsearchConfig config, NanoClock nanoClock) {
        this.config = config;
        this.nanoClock = nanoClock;
        this.env = System.getenv();
        this.user = UnprivilegedUser.runningAsRoot() ? UnprivilegedUser.obtain(env) : null;
        this.baseDir = baseDir(config.workDir(), user);
        this.javaHome = javaHome(env, user);
        MavenArtifact artifact = MavenArtifact.elasticsearchIntegTestZip(config.version());
        Path zip = MavenArtifactResolver.fromEnvironment()
                .resolve(artifact, baseDir.resolve("downloads"), ZIP_PROPERTY, ZIP_ENV);
        this.home = ZipUnpacker.unpackOnce(zip, baseDir, "elasticsearch-" + config.version());
        this.httpPort = config.httpPort() == 0 ? FreePorts.next() : config.httpPort();
        this.transportPort = config.transportPort() == 0 ? FreePorts.next() : config.transportPort();
        this.nodeDir = baseDir.resolve("es-node-" + httpPort);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    /** Builds and starts a node; the usual entry point. */
    public static ElasticsearchProcess start(ElasticsearchConfig config) {
        ElasticsearchProcess elasticsearch = new ElasticsearchProcess(config);
        elasticsearch.start();
        return elasticsearch;
    }

    /** Starts the node (again, on the same data, after {@link #stop()}) and returns once health is yellow. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (!FreePorts.isFree(httpPort) || !FreePorts.isFree(transportPort)) {
            throw new ProcessStartException("cannot start Elasticsearch: port " + httpPort + " or " + transportPort
                    + " on " + HOST + " is taken (another node still running?)");
        }
        prepareNodeDir();
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(nodeDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
        environment(builder.environment());
        long startNs = nanoClock.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProcessStartException("could not run " + String.join(" ", builder.command()) + ": " + e.getMessage(), e);
        }
        Process started = process;
        ShutdownHooks.register(this, () -> ProcessTree.kill(started.toHandle()));
        try {
            Waits.until("Elasticsearch health yellow at " + endpoint(), config.startupTimeout(), 250, this::isYellow,
                    nanoClock);
        } catch (ProcessStartException e) {
            kill();
            throw new ProcessStartException(e.getMessage() + "\n" + LogTail.of(consoleLog(), LOG_TAIL_LINES)
                    + "\n(server log: " + logsDir().resolve(config.clusterName() + ".log") + ")", e);
        }
        LOG.info("elasticsearch started endpoint={} user={} dir={} startupMs={}", endpoint(),
                user == null ? System.getProperty("user.name") : user.name(), nodeDir,
                Duration.ofNanos(nanoClock.nanoTime() - startNs).toMillis());
    }

    /** SIGTERM to the process tree, wait, then SIGKILL. Keeps data and logs for a later {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ProcessTree.terminate(process.toHandle(), STOP_TIMEOUT);
        finished("stopped");
    }

    /** SIGKILL the process tree: a crash. {@link #start()} recovers from the same data. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        ProcessTree.kill(process.toHandle());
        finished("killed");
    }

    /** Stops the node and deletes its data; logs stay for post-mortems. */
    @Override
    public synchronized void close() {
        stop();
        try {
            ZipUnpacker.deleteTree(dataDir());
            ZipUnpacker.deleteTree(nodeDir.resolve("tmp"));
        } catch (IOException e) {
            LOG.warn("could not delete elasticsearch data dir={} error={}", dataDir(), e.toString());
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public ElasticsearchEndpoint endpoint() {
        return new ElasticsearchEndpoint(URI.create("http://" + HOST + ":" + httpPort));
    }

    public Path home() {
        return home;
    }

    public Path nodeDir() {
        return nodeDir;
    }

    public Path dataDir() {
        return nodeDir.resolve("data");
    }

    public Path logsDir() {
        return nodeDir.resolve("logs");
    }

    public Path consoleLog() {
        return nodeDir.resolve("console.log");
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        if (user != null) {
            command.addAll(user.commandPrefix(env));
        }
        command.add(home.resolve("bin").resolve("elasticsearch").toString());
        for (Map.Entry<String, String> setting : settings().entrySet()) {
            command.add("-E");
            command.add(setting.getKey() + "=" + setting.getValue());
        }
        return command;
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("discovery.type", "single-node");
        settings.put("xpack.security.enabled", "false");
        settings.put("network.host", HOST);
        settings.put("http.port", Integer.toString(httpPort));
        settings.put("transport.port", Integer.toString(transportPort));
        settings.put("cluster.name", config.clusterName());
        settings.put("node.name", "node-" + httpPort);
        settings.put("path.data", dataDir().toString());
        settings.put("path.logs", logsDir().toString());
        // A CI disk above 90 % would otherwise leave shards unassigned and health never yellow.
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        settings.putAll(config.settings());
        return settings;
    }

    private void environment(Map<String, String> environment) {
        // Options meant for the build's JVM (agents, debuggers) must not leak into Elasticsearch's JVMs.
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.remove("_JAVA_OPTIONS");
        environment.remove("JDK_JAVA_OPTIONS");
        environment.remove("JAVA_HOME");
        environment.put("ES_JAVA_HOME", javaHome.toString());
        String jvmOptions = String.join(" ", config.jvmOptions());
        environment.put("ES_JAVA_OPTS", ("-Xms" + config.heap() + " -Xmx" + config.heap() + " " + jvmOptions).strip());
        environment.put("CLI_JAVA_OPTS", jvmOptions);
        environment.put("ES_PATH_CONF", nodeDir.resolve("config").toString());
        environment.put("ES_TMPDIR", nodeDir.resolve("tmp").toString());
        environment.put("HOME", nodeDir.toString());
    }

    private void prepareNodeDir() {
        try {
            Files.createDirectories(dataDir());
            Files.createDirectories(logsDir());
            Files.createDirectories(nodeDir.resolve("tmp"));
            Path config = nodeDir.resolve("config");
            if (!Files.isDirectory(config)) {
                copyTree(home.resolve("config"), config);
            }
            if (user != null) {
                user.chown(home);
                user.chown(nodeDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + nodeDir, e);
        }
    }

    private boolean isYellow() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new ProcessStartException("Elasticsearch exited with code " + process.exitValue()
                    + " before its health turned yellow at " + endpoint());
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(endpoint().uri() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = response.body();
        return response.statusCode() == 200
                && (body.contains("\"status\":\"yellow\"") || body.contains("\"status\":\"green\""));
    }

    private void finished(String how) {
        ShutdownHooks.unregister(this);
        process = null;
        LOG.info("elasticsearch {} endpoint={}", how, endpoint());
    }

    /**
     * The work dir, unless we are root and the unprivileged user cannot walk down to it (say a
     * checkout under a 0700 {@code /root}); then a folder under /tmp named after the work dir, so
     * each checkout keeps its own copy.
     */
    static Path baseDir(Path workDir, UnprivilegedUser user) {
        Path absolute = workDir.toAbsolutePath().normalize();
        if (user == null || user.canTraverse(absolute)) {
            return absolute;
        }
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "skirmish-es-" + shortHash(absolute.toString()));
        LOG.info("user {} cannot reach {}; elasticsearch will live in {}", user.name(), absolute, fallback);
        return fallback;
    }

    private static Path javaHome(Map<String, String> env, UnprivilegedUser user) {
        String override = env.get(JAVA_HOME_ENV);
        Path home = Path.of(override != null && !override.isBlank() ? override : System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new MissingPrerequisiteException("no java executable at " + java + "; set " + JAVA_HOME_ENV
                    + " to a JDK 17+ home (the Elasticsearch integ-test zip has no bundled JDK)");
        }
        if (user != null && !user.canTraverse(home.resolve("bin"))) {
            throw new MissingPrerequisiteException("user " + user.name() + " cannot reach the JDK at " + home
                    + " (a parent folder is not searchable by others); set " + JAVA_HOME_ENV
                    + " to a JDK in a world-readable place such as /usr/lib/jvm");
        }
        return home;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
