package io.skirmish.testkit.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free TCP ports on 127.0.0.1 for fixture processes.
 *
 * <p>Ports are drawn at random from 15000-32767, below Linux's ephemeral range (32768-60999):
 * a port the kernel handed out with {@code bind(0)} can be handed out again to an outgoing
 * connection before the fixture binds it, a port outside that range cannot. A port handed out
 * once is never handed out again by this JVM, so two fixtures started back to back cannot
 * collide before either has bound. Thread-safe.
 */
public final class FreePorts {
    static final int LOWEST = 15_000;
    static final int HIGHEST = 32_767;
    private static final int MAX_ATTEMPTS = 500;
    private static final Set<Integer> ISSUED = new HashSet<>();

    private FreePorts() {
    }

    /** A port that is free on 127.0.0.1 right now. */
    public static int next() {
        return next(0);
    }

    /**
     * A port {@code p} such that {@code p} and {@code p + offset} are both free; Redis Cluster
     * needs this because its bus listens on port + 10000.
     */
    public static synchronized int next(int offset) {
        int highest = HIGHEST - offset;
        if (highest <= LOWEST) {
            throw new IllegalArgumentException("offset " + offset + " leaves no room in " + LOWEST + "-" + HIGHEST);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (ISSUED.contains(port) || ISSUED.contains(port + offset)) {
                continue;
            }
            if (isFree(port) && (offset == 0 || isFree(port + offset))) {
                ISSUED.add(port);
                ISSUED.add(port + offset);
                return port;
            }
        }
        throw new IllegalStateException("no free port pair (offset " + offset + ") on 127.0.0.1 after "
                + MAX_ATTEMPTS + " attempts in " + LOWEST + "-" + HIGHEST);
    }

    /**
     * True when a server could bind {@code port} on 127.0.0.1 now. Checked with SO_REUSEADDR, as
     * redis-server and Elasticsearch bind, so connections lingering in TIME_WAIT after a node was
     * stopped do not make its own port look taken when it restarts.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
