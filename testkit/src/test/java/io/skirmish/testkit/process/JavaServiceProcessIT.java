package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.ProcessStartException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs running {@link ReadyTestServer}. */
class JavaServiceProcessIT {
    @TempDir
    Path workDir;

    private final int port = FreePorts.next();

    @Test
    void returnsOnceReadyAnswers200AndStopsWithSigterm() throws IOException {
        JavaServiceProcess service = new JavaServiceProcess(spec("normal", 700)
                .withEnvironment(Map.of("SKIRMISH_TEST", "from-spec")), workDir);

        long startNs = System.nanoTime();
        service.start();
        long tookMs = Duration.ofNanos(System.nanoTime() - startNs).toMillis();

        assertThat(tookMs).isGreaterThanOrEqualTo(700);
        assertThat(service.isRunning()).isTrue();
        assertThat(FreePorts.isFree(port)).isFalse();
        long pid = service.pid();

        service.stop();

        assertThat(service.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(FreePorts.isFree(port)).isTrue();
        // SIGTERM, not SIGKILL: the child's shutdown hook ran, as a server's ordered shutdown would.
        assertThat(service.exitCode()).hasValue(143);
        String log = Files.readString(service.logFile());
        assertThat(log).contains("env.SKIRMISH_TEST=from-spec", "listening on " + port, "stopping on SIGTERM");
        assertThat(service.logFile()).isEqualTo(workDir.resolve("ready-test/ready-test.log"));
    }

    @Test
    void childThatExitsFailsTheStartAtOnceWithItsLog() {
        JavaServiceProcess service = new JavaServiceProcess(spec("exit", 0), workDir);

        long startNs = System.nanoTime();
        assertThatThrownBy(service::start)
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("ready-test exited with code 3")
                .hasMessageContaining("refusing to start: config key 'port' is bad");
        assertThat(Duration.ofNanos(System.nanoTime() - startNs)).isLessThan(Duration.ofSeconds(20));
        assertThat(service.isRunning()).isFalse();
    }

    @Test
    void neverReadyTimesOutAndLeavesNothingRunning() {
        JavaServiceProcess service = new JavaServiceProcess(spec("never-ready", 0)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5)), workDir);

        assertThatThrownBy(service::start)
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("timed out")
                .hasMessageContaining("/ready");
        assertThat(service.isRunning()).isFalse();
        assertThat(FreePorts.isFree(port)).isTrue();
    }

    @Test
    void childIgnoringSigtermIsKilledAfterTheStopTimeout() {
        JavaServiceProcess service = new JavaServiceProcess(spec("ignore-sigterm", 0)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1)), workDir);
        service.start();
        long pid = service.pid();

        long stopNs = System.nanoTime();
        service.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - stopNs)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(15));
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(service.exitCode()).hasValue(137);
    }

    private JavaServiceSpec spec(String mode, long readyAfterMs) {
        return JavaServiceSpec.of("ready-test", ReadyTestServer.class.getName(), testClasspath(),
                URI.create("http://127.0.0.1:" + port + "/ready"), Integer.toString(port), Long.toString(readyAfterMs), mode)
                .withJvmOptions("-Xmx64m", "-XX:TieredStopAtLevel=1")
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** Failsafe runs this JVM with test-classes on the class path; the child needs nothing else. */
    private static List<Path> testClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
    }
}
