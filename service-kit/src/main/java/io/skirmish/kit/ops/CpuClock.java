package io.skirmish.kit.ops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time consumed so far, in nanoseconds, for benchmarks and load tools that say where the
 * cores went: of another process (from {@code /proc/<pid>/stat}, utime + stime, all its threads),
 * of this JVM, and of the whole machine (busy time from {@code /proc/stat}, every process on the
 * box). Linux only; elsewhere the figures are -1 and a report should say "n/a".
 */
public final class CpuClock {

    /** Linux reports times in USER_HZ, 100 on every mainstream kernel configuration. */
    private static final long NANOS_PER_CLOCK_TICK = 10_000_000L;

    private CpuClock() {
    }

    public static long process(long pid) {
        return times(Long.toString(pid), true);
    }

    /** Kernel (system) CPU time of another process: the stime part of {@link #process}. */
    public static long processKernel(long pid) {
        return times(Long.toString(pid), false);
    }

    /** Kernel (system) CPU time of this JVM. */
    public static long selfKernel() {
        return times("self", false);
    }

    /** utime + stime, or stime alone, of {@code /proc/<pid>/stat}; -1 when unreadable. */
    private static long times(String pid, boolean withUser) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long kernel = Long.parseLong(fields[12]);
            return ((withUser ? Long.parseLong(fields[11]) : 0) + kernel) * NANOS_PER_CLOCK_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static long self() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Busy (non-idle, non-iowait) CPU time of all cores together. */
    public static long machineBusy() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * NANOS_PER_CLOCK_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The 1-, 5- and 15-minute load averages as {@code /proc/loadavg} prints them, or "n/a". */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
