package io.skirmish.kit.lifecycle;

import java.time.Duration;

import io.skirmish.kit.ops.ReadinessCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a stop behind a load balancer: {@link #close()} turns the process not ready
 * ({@code /ready} answers "draining") and keeps everything serving for {@code delay}, long enough
 * for the balancer's health checks to see it and send new connections elsewhere. Registered in
 * the {@link Lifecycle} after the components that serve clients, it is closed before them, so
 * they stop only once no balancer routes to them any more; their clients then reconnect straight
 * to another instance instead of retrying against this one. A zero delay only marks the process
 * not ready (a process with no balancer in front need not wait).
 *
 * <p>Threads: {@link #close()} runs on the shutdown thread and blocks for the delay;
 * {@link #notReadyReason()} is read by the ops HTTP thread.
 */
public final class ReadinessDrain implements ReadinessCheck, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessDrain.class);

    /** Waits out the delay (the shutdown thread's sleep; a test passes a fake that records it). */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration delay) throws InterruptedException;
    }

    private final Duration delay;
    private final Pause pause;
    private volatile boolean draining;

    /** @param delay how long to stay up, not ready, before the components behind it stop (zero: no wait) */
    public ReadinessDrain(Duration delay, Pause pause) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("drain delay must not be negative: " + delay);
        }
        this.delay = delay;
        this.pause = pause;
    }

    /** Sleeps the shutdown thread for the delay. */
    public static ReadinessDrain sleeping(Duration delay) {
        return new ReadinessDrain(delay, d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public String notReadyReason() {
        return draining ? "draining" : null;
    }

    @Override
    public void close() {
        draining = true;
        if (delay.isZero()) {
            return;
        }
        LOG.info("draining: not ready, still serving for {} ms so that load balancers route elsewhere", delay.toMillis());
        try {
            pause.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
