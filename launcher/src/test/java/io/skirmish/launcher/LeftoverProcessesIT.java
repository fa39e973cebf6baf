package io.skirmish.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes standing in for a Redis left behind by a launcher that was SIGKILLed. */
class LeftoverProcessesIT {
    @TempDir
    Path workDir;

    @Test
    void nextRunStopsWhatAnEarlierRunRecorded() throws IOException, InterruptedException {
        Path file = workDir.resolve("stack.pids");
        Process child = new ProcessBuilder("sleep", "300").start();
        try {
            // only the child: this JVM's other descendants are fixtures shared with other ITs
            new LeftoverProcesses(file, () -> Stream.of(child.toHandle())).recordDescendants("redis");
            assertThat(Files.readString(file)).contains(child.pid() + " ").contains(" redis");

            // a fresh instance, as in the next launcher JVM
            assertThat(new LeftoverProcesses(file).stopRecorded())
                    .contains("stopped redis process " + child.pid() + " left running by an earlier run");

            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(file).doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void reusedPidWithAnotherStartTimeIsNeverTouched() throws IOException {
        Path file = workDir.resolve("stack.pids");
        // This very JVM's pid, with a start time it does not have: a pid the kernel handed out again.
        Files.writeString(file, ProcessHandle.current().pid() + " 12345 redis\n");

        assertThat(new LeftoverProcesses(file).stopRecorded()).isEmpty();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void refusesToTouchTheProcessesOfALauncherStillRunning() throws IOException {
        Path file = workDir.resolve("stack.pids");
        Process launcher = new ProcessBuilder("sleep", "300").start();
        Process redis = new ProcessBuilder("sleep", "300").start();
        try {
            Files.writeString(file, line(launcher, "launcher") + line(redis, "redis"));

            assertThatThrownBy(() -> new LeftoverProcesses(file).stopRecorded())
                    .hasMessageContaining("another run.sh (pid " + launcher.pid() + ")")
                    .hasMessageContaining("--work-dir");
            assertThat(redis.isAlive()).isTrue();
            assertThat(file).exists();
        } finally {
            launcher.destroyForcibly();
            redis.destroyForcibly();
        }
    }

    private static String line(Process process, String label) {
        return process.pid() + " " + process.toHandle().info().startInstant().orElseThrow().toEpochMilli() + " " + label + "\n";
    }

    @Test
    void cleanStopLeavesNoFile() throws IOException {
        Path file = workDir.resolve("stack.pids");
        Files.writeString(file, "1 1 stale\n");

        new LeftoverProcesses(file, Stream::empty).recordDescendants("stop");

        assertThat(file).doesNotExist();
    }
}
