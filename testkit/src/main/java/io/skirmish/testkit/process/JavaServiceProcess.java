package io.skirmish.testkit.process;

import io.skirmish.testkit.process.LogTail;
import io.skirmish.testkit.process.ProcessStartException;
import io.skirmish.testkit.process.ProcessTree;
import io.skirmish.testkit.process.Waits;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Skirmish server run as a child JVM of this JVM, in its own folder {@code <workDir>/<name>/}
 * with stdout and stderr appended to {@code <name>.log} there.
 *
 * <p>Ready when its {@code /ready} URL answers 200 within the spec's start-up timeout; a child that
 * exits first fails the start at once, with the end of its log. Stopped with SIGTERM (the servers'
 * ordered shutdown runs in their shutdown hooks), then SIGKILL after the stop timeout. A JVM
 * shutdown hook SIGKILLs a child still running when this JVM exits, so a launcher that dies
 * leaves no server behind. All methods are synchronized; any thread may call them.
 */
public final class JavaServiceProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JavaServiceProcess.class);
    private static final long READY_POLL_MS = 100;
    private static final int LOG_TAIL_LINES = 40;

    private final JavaServiceSpec spec;
    private final Path dir;
    private final Path logFile;
    private final HttpClient http;
    private Process process;
    private Thread killOnExit;
    private OptionalInt lastExitCode = OptionalInt.empty();

    public JavaServiceProcess(JavaServiceSpec spec, Path workDir) {
        this.spec = spec;
        this.dir = workDir.toAbsolutePath().resolve(spec.name());
        this.logFile = dir.resolve(spec.name() + ".log");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    /** Starts the child and returns once {@code /ready} answers 200; a no-op when already running. */
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
        // The launcher's own JVM options (agents, debuggers) are not meant for the servers.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(spec.environment());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProcessStartException("could not run java for " + spec.name() + ": " + e.getMessage(), e);
        }
        lastExitCode = OptionalInt.empty();
        installKillOnExit(process);
        try {
            Waits.until(spec.name() + " to answer 200 on " + spec.readyUrl(), spec.startupTimeout(), READY_POLL_MS,
                    this::answersReady);
        } catch (ProcessStartException e) {
            kill();
            throw new ProcessStartException(e.getMessage() + "\n" + LogTail.of(logFile, LOG_TAIL_LINES), e);
        }
        LOG.info("service started name={} pid={} ready={} log={}", spec.name(), process.pid(), spec.readyUrl(), logFile);
    }

    /** SIGTERM to the child and its descendants, wait up to the stop timeout, then SIGKILL. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ProcessTree.terminate(process.toHandle(), spec.stopTimeout());
        finished("stopped");
    }

    /** SIGKILL at once: a crash. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        ProcessTree.kill(process.toHandle());
        finished("killed");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last run once it has ended (stopped, killed or crashed), else empty. */
    public synchronized OptionalInt exitCode() {
        if (process != null && !process.isAlive()) {
            return OptionalInt.of(process.exitValue());
        }
        return lastExitCode;
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(spec.name() + " is not running");
        }
        return process.pid();
    }

    public JavaServiceSpec spec() {
        return spec;
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        stop();
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, spec.classpath().stream().map(Path::toString).toList()));
        command.add(spec.mainClass());
        command.addAll(spec.args());
        return command;
    }

    private boolean answersReady() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new ProcessStartException(spec.name() + " exited with code " + process.exitValue()
                    + " before " + spec.readyUrl() + " answered 200");
        }
        HttpRequest request = HttpRequest.newBuilder(spec.readyUrl()).timeout(Duration.ofSeconds(2)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private void installKillOnExit(Process started) {
        killOnExit = new Thread(() -> ProcessTree.kill(started.toHandle()), "skirmish-stack-kill-" + spec.name());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    private void finished(String how) {
        lastExitCode = awaitExitCode(process);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway and finds nothing left to kill
        }
        LOG.info("service {} name={} exitCode={}", how, spec.name(), lastExitCode);
        process = null;
        killOnExit = null;
    }

    /** The tree is gone when this is called; the reaper may need a moment to record the code. */
    private static OptionalInt awaitExitCode(Process process) {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** For log lines and error messages. */
    @Override
    public String toString() {
        return spec.name() + " (" + spec.mainClass() + ", log " + logFile + ")";
    }

}
