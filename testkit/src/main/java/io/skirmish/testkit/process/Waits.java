package io.skirmish.testkit.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/** Polls a condition until it holds or a deadline passes; every wait in the fixtures goes through here. */
public final class Waits {
    private Waits() {
    }

    /** A check that may also declare the wait hopeless (for example the process exited). */
    @FunctionalInterface
    public interface Probe {
        /**
         * @return true when ready
         * @throws ProcessStartException to stop waiting at once
         * @throws Exception             any other exception counts as "not ready yet"
         */
        boolean ready() throws Exception;
    }

    /**
     * Calls {@code probe} every {@code pollIntervalMs} until it returns true.
     *
     * @throws ProcessStartException when {@code timeout} passes first; the message names what was
     *                               awaited and the probe's last exception
     */
    public static void until(String what, Duration timeout, long pollIntervalMs, Probe probe) {
        until(what, timeout, pollIntervalMs, probe, SystemNanoClock.INSTANCE);
    }

    /** As {@link #until(String, Duration, long, Probe)}, with the deadline kept on {@code clock}. */
    public static void until(String what, Duration timeout, long pollIntervalMs, Probe probe, NanoClock clock) {
        long deadlineNs = clock.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (ProcessStartException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            long remainingNs = deadlineNs - clock.nanoTime();
            if (remainingNs <= 0) {
                throw new ProcessStartException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"), last);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remainingNs, TimeUnit.MILLISECONDS.toNanos(pollIntervalMs)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessStartException("interrupted while waiting for " + what, e);
            }
        }
    }
}
