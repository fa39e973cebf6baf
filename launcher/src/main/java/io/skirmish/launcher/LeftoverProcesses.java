package io.skirmish.launcher;

import io.skirmish.testkit.process.ProcessTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Cleans up after a launcher that died without stopping its processes (SIGKILL, the OOM killer):
 * every process this JVM started is recorded in a file in the work dir while the stack runs, and
 * the next run stops whatever of it still runs before choosing ports, so 6379 and 9200 are free
 * again. A process is recognised by pid and start time together, so a reused pid is never
 * touched. Called from one thread at a time.
 */
final class LeftoverProcesses {
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** The label of the launcher's own line, written first. */
    static final String LAUNCHER = "launcher";

    private final Path file;
    /** pid -> the component whose start brought the process up, for the messages of the next run. */
    private final Map<Long, String> labels = new HashMap<>();

    private final Supplier<Stream<ProcessHandle>> started;

    /** Records this JVM's descendants: everything the launcher started. */
    LeftoverProcesses(Path file) {
        this(file, () -> ProcessHandle.current().descendants());
    }

    /** @param started the processes to record (a test passes its own, not the whole test JVM's) */
    LeftoverProcesses(Path file, Supplier<Stream<ProcessHandle>> started) {
        this.file = file;
        this.started = started;
    }

    /**
     * Stops every recorded process still alive; returns one line per process stopped.
     *
     * @throws IllegalStateException when the launcher that wrote the file still runs
     */
    List<String> stopRecorded() {
        List<String> stopped = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return stopped;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ", 3);
                if (fields.length < 3) {
                    continue;
                }
                Optional<ProcessHandle> alive = ProcessHandle.of(Long.parseLong(fields[0]))
                        .filter(handle -> startMillis(handle).equals(Optional.of(Long.parseLong(fields[1]))));
                if (fields[2].equals(LAUNCHER)) {
                    if (alive.isPresent() && alive.get().pid() != ProcessHandle.current().pid()) {
                        // Its processes are not leftovers: that stack is running.
                        throw new IllegalStateException("another run.sh (pid " + fields[0] + ") is using " + file.getParent()
                                + "; stop it first, or give this run its own --work-dir");
                    }
                    continue;
                }
                if (alive.isPresent()) {
                    ProcessTree.terminate(alive.get(), STOP_GRACE);
                    stopped.add("stopped " + fields[2] + " process " + fields[0] + " left running by an earlier run");
                }
            }
            Files.delete(file);
        } catch (IOException | NumberFormatException e) {
            stopped.add("could not read " + file + " (" + e + "); check `ps` for leftover redis-server or elasticsearch");
        }
        return stopped;
    }

    /**
     * Records every process this JVM has started and that still runs (children and their
     * children), naming processes first seen now after {@code component}; deletes the file when
     * nothing runs any more, after a clean stop.
     */
    void recordDescendants(String component) {
        StringBuilder lines = new StringBuilder();
        ProcessHandle self = ProcessHandle.current();
        startMillis(self).ifPresent(start ->
                lines.append(self.pid()).append(' ').append(start).append(' ').append(LAUNCHER).append('\n'));
        int launcherLength = lines.length();
        Map<Long, String> alive = new HashMap<>();
        started.get().filter(ProcessHandle::isAlive).forEach(handle -> startMillis(handle).ifPresent(start -> {
            String label = labels.getOrDefault(handle.pid(), component);
            alive.put(handle.pid(), label);
            lines.append(handle.pid()).append(' ').append(start).append(' ').append(label).append('\n');
        }));
        labels.keySet().retainAll(alive.keySet());
        labels.putAll(alive);
        try {
            if (lines.length() == launcherLength) {
                Files.deleteIfExists(file);
                return;
            }
            // Written whole then moved, so a launcher killed mid-write leaves the previous list intact.
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static Optional<Long> startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli);
    }
}
