package io.skirmish.bots.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Datagrams the kernel dropped because a UDP socket's receive buffer was full, read from
 * {@code /proc/net/udp} and {@code /proc/net/udp6} (the last column, {@code drops}) for the
 * sockets bound to some local ports. A dropped input packet or snapshot costs its input a whole
 * tick period of input-to-visible latency (the client repeats an input in its next packet; the
 * next snapshot comes a period later), so a fraction of a percent of drops shows in the p99.
 * Linux only: elsewhere, and for ports not found, the count is 0.
 */
final class SocketDrops {

    private static final Path[] TABLES = {Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")};

    private SocketDrops() {
    }

    /** Drops so far, summed over the UDP sockets bound to any of {@code ports}. */
    static long read(Set<Integer> ports) {
        long drops = 0;
        for (Path table : TABLES) {
            try {
                drops += parse(Files.readString(table), ports);
            } catch (IOException | RuntimeException unreadable) {
                // No such table here (not Linux, or no IPv6): nothing to count.
            }
        }
        return drops;
    }

    /** Sums the drops column of one {@code /proc/net/udp*} table over the sockets bound to {@code ports}. */
    static long parse(String table, Set<Integer> ports) {
        long drops = 0;
        for (String line : table.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 13 || !fields[0].endsWith(":")) {
                continue;
            }
            String local = fields[1];
            int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
            if (ports.contains(port)) {
                drops += Long.parseLong(fields[fields.length - 1]);
            }
        }
        return drops;
    }
}
