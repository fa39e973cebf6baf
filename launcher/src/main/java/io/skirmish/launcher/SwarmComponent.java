package io.skirmish.launcher;

import io.skirmish.testkit.process.JavaServiceSpec;
import io.skirmish.testkit.process.JavaServiceProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot swarm as the last stack component: a child JVM that plays for its duration and exits
 * by itself ({@link #finishesOnItsOwn()}), whose progress line the launcher repeats, and whose
 * report and summary close the run.
 */
public final class SwarmComponent implements StackComponent {

    /** The tail of the log that holds the newest progress line. */
    private static final int TAIL_BYTES = 4096;

    private final JavaServiceProcess process;
    private final String address;
    private final List<String> extraPointers;
    /** Where this run's output starts in the log (it is appended to across runs). */
    private long logOffset;

    /**
     * @param extraPointers lines for {@link #whereToLook()} besides the report, e.g. a leaderboard command
     */
    public SwarmComponent(JavaServiceSpec spec, Path workDir, String address, List<String> extraPointers) {
        this.process = new JavaServiceProcess(spec, workDir);
        this.address = address;
        this.extraPointers = List.copyOf(extraPointers);
    }

    @Override
    public String name() {
        return process.spec().name();
    }

    @Override
    public void start() {
        logOffset = process.logFile().toFile().length();
        process.start();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public List<Path> logs() {
        return List.of(process.logFile());
    }

    @Override
    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void stop() {
        process.stop();
    }

    @Override
    public boolean finishesOnItsOwn() {
        return true;
    }

    /** The newest line of the log that starts with the swarm's "[  12s]" stamp. */
    @Override
    public String progress() {
        try (RandomAccessFile log = new RandomAccessFile(process.logFile().toFile(), "r")) {
            long start = Math.max(logOffset, log.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (log.length() - start)];
            log.seek(start);
            log.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (lines[i].startsWith("[") && lines[i].contains("s]")) {
                    return lines[i].trim();
                }
            }
        } catch (IOException e) {
            // Not written yet: nothing to show.
        }
        return null;
    }

    /** The swarm's closing summary and report paths (everything from its summary heading on), then the pointers. */
    @Override
    public List<String> whereToLook() {
        List<String> lines = new ArrayList<>();
        try {
            boolean inSummary = false;
            byte[] all = Files.readAllBytes(process.logFile());
            String thisRun = new String(all, (int) Math.min(logOffset, all.length),
                    all.length - (int) Math.min(logOffset, all.length), StandardCharsets.UTF_8);
            for (String line : thisRun.split("\n")) {
                if (line.startsWith("== swarm summary")) {
                    inSummary = true;
                    lines.clear();
                }
                if (inSummary && !line.isBlank() && !line.startsWith("[")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            lines.add("no summary: " + process.logFile() + " is unreadable (" + e.getMessage() + ")");
        }
        lines.addAll(extraPointers);
        return lines;
    }
}
