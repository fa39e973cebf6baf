package io.skirmish.match.net;

import io.skirmish.match.queue.PlayerPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Writes the presence of this instance's players in batches, on a thread of its own:
 * {@link #changed} only notes a player, and each pass announces the noted players that are bound
 * now and withdraws the others (the bound set is the truth, so a bind and an unbind in the same
 * pass cancel out). Every third of the TTL it renews every bound player. A failed write is
 * retried on the next pass. A login therefore never waits for Redis.
 *
 * <p>Thread-safety: {@link #changed} from any thread; {@code bound} must be a concurrent view.
 * The renewal is timed on the injected monotonic clock.
 */
final class PresenceWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceWriter.class);

    private final PlayerPresence presence;
    private final Set<String> bound;
    private final long renewEveryNs;
    private final LongSupplier nanoClock;
    private final BlockingQueue<String> changed = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    PresenceWriter(PlayerPresence presence, Duration ttl, Set<String> bound, LongSupplier nanoClock) {
        this.presence = presence;
        this.nanoClock = nanoClock;
        this.bound = bound;
        this.renewEveryNs = ttl.toNanos() / 3;
        this.thread = new Thread(this::run, "match-presence");
        thread.setDaemon(true);
        thread.start();
    }

    /** The player was bound or unbound: its presence follows on the next pass. */
    void changed(String playerId) {
        changed.add(playerId);
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        long nextRenewal = nanoClock.getAsLong() + renewEveryNs;
        while (running) {
            try {
                String first = changed.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    changed.drainTo(batch, 10_000);
                }
                long now = nanoClock.getAsLong();
                if (now - nextRenewal >= 0) {
                    batch.addAll(bound);
                    nextRenewal = now + renewEveryNs;
                }
                if (!batch.isEmpty() && !apply(batch)) {
                    changed.addAll(batch);
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private boolean apply(List<String> players) {
        List<String> announce = new ArrayList<>();
        List<String> withdraw = new ArrayList<>();
        for (String player : new LinkedHashSet<>(players)) {
            (bound.contains(player) ? announce : withdraw).add(player);
        }
        try {
            presence.announce(announce);
            presence.withdraw(withdraw);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("presence update failed players={} error={}", players.size(), e.toString());
            return false;
        }
    }

    /** Stops the thread and withdraws the presence of every player still bound (a clean shutdown). */
    @Override
    public void close() {
        close(true);
    }

    /**
     * Stops the thread; withdraws the presence of every player still bound when {@code withdraw}
     * (not when the instance hands its players over: their next login elsewhere reads the entry).
     */
    void close(boolean withdraw) {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!withdraw) {
            return;
        }
        try {
            presence.withdraw(List.copyOf(bound));
        } catch (RuntimeException e) {
            LOG.debug("presence withdraw at shutdown failed error={}", e.toString());
        }
    }
}
