package io.skirmish.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ShutdownParams;

/**
 * One real {@code redis-server} on 127.0.0.1, in its own folder {@code <workDir>/redis-<port>}
 * (working directory, data files and {@code redis.log}).
 *
 * <p>The port is fixed when the object is built, so {@link #restart()} or {@link #kill()}
 * followed by {@link #start()} brings the node back where clients expect it. All methods are
 * synchronized; any thread may call them.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PROBE_TIMEOUT_MS = 500;
    private static final int LOG_TAIL_LINES = 30;

    private final RedisServerConfig config;
    private final Path binary;
    private final int port;
    private final Path dir;
    private final Path logFile;
    private Process process;

    /** Resolves the binary and the port; does not start anything yet. */
    public RedisServerProcess(RedisServerConfig config) {
        this(config, System.getenv());
    }

    /** With an explicit environment (PATH, SKIRMISH_REDIS_SERVER), so binary lookup can be tested. */
    RedisServerProcess(RedisServerConfig config, Map<String, String> env) {
        this.config = config;
        this.binary = RedisBinaries.server(config, env);
        this.port = config.port() == 0 ? FreePorts.next() : config.port();
        this.dir = config.workDir().toAbsolutePath().resolve("redis-" + port);
        this.logFile = dir.resolve("redis.log");
    }

    /** Builds and starts a node; the usual entry point. */
    public static RedisServerProcess start(RedisServerConfig config) {
        RedisServerProcess redis = new RedisServerProcess(config);
        redis.start();
        return redis;
    }

    /** Starts the node and returns once it answers PING; a no-op when already running. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProcessStartException("could not run " + binary + ": " + e.getMessage(), e);
        }
        Process started = process;
        ShutdownHooks.register(this, () -> ProcessTree.kill(started.toHandle()));
        try {
            Waits.until("redis-server to answer PING on " + endpoint(), config.startupTimeout(), 25, this::answersPing);
        } catch (ProcessStartException e) {
            kill();
            throw new ProcessStartException(e.getMessage() + "\n" + LogTail.of(logFile, LOG_TAIL_LINES), e);
        }
        LOG.info("redis-server started endpoint={} binary={} dir={}", endpoint(), binary, dir);
    }

    /** SHUTDOWN NOSAVE, then SIGTERM/SIGKILL whatever is still alive. Keeps the folder and its log. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            try (Jedis jedis = RedisAdmin.connect(endpoint(), PROBE_TIMEOUT_MS)) {
                jedis.shutdown(ShutdownParams.shutdownParams().nosave());
            } catch (RuntimeException e) {
                // the server closes the connection as it exits, or it was already gone: either is fine
            }
            if (!waitForExit(STOP_TIMEOUT)) {
                ProcessTree.terminate(process.toHandle(), STOP_TIMEOUT);
            }
        }
        finished("stopped");
    }

    /** SIGKILL without SHUTDOWN: what a crash looks like to clients. {@link #start()} brings it back. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        ProcessTree.kill(process.toHandle());
        finished("killed");
    }

    /** Stop then start on the same port and folder. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Deletes every key (FLUSHALL), for tests that share the node. */
    public void flushAll() {
        try (Jedis jedis = RedisAdmin.connect(endpoint(), 2_000)) {
            jedis.flushAll();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint(HOST, port);
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return logFile;
    }

    public Path binary() {
        return binary;
    }

    @Override
    public void close() {
        stop();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--dir", dir.toString(),
                "--daemonize", "no",
                "--logfile", "",
                // tests and the run command start empty every time; persistence only costs disk writes
                "--save", "",
                "--appendonly", "no"));
        command.addAll(config.extraArgs());
        return command;
    }

    private boolean answersPing() {
        if (!process.isAlive()) {
            throw new ProcessStartException("redis-server exited with code " + process.exitValue()
                    + " before answering PING on " + endpoint());
        }
        try (Jedis jedis = RedisAdmin.connect(endpoint(), PROBE_TIMEOUT_MS)) {
            return "PONG".equals(jedis.ping());
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void finished(String how) {
        ShutdownHooks.unregister(this);
        process = null;
        LOG.info("redis-server {} endpoint={}", how, endpoint());
    }
}
