package io.skirmish.testkit.process;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time consumed so far, in nanoseconds, for benchmarks that say where the cores went: of
 * another process ({@code /proc/<pid>/stat}, utime + stime, all its threads), of this JVM, and
 * of the whole machine (busy time from {@code /proc/stat}, every process on the box). Linux
 * only; elsewhere the figures are -1 and a report should say "n/a".
 */
public final class CpuTimes {

    /** Linux reports times in USER_HZ, 100 on every mainstream kernel configuration. */
    private static final long NANOS_PER_CLOCK_TICK = 10_000_000L;

    private CpuTimes() {
    }

    public static long process(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_CLOCK_TICK;
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
