package io.skirmish.e2e;

import java.util.function.BooleanSupplier;

/**
 * One fault of a run: when it started and healed (epoch ms), and when the stack was seen to work
 * again, as judged by its recovery probe polled from the heal on.
 *
 * <p>Threading: the schedule thread calls {@link #started} and {@link #healed}; the driver's
 * polling thread calls {@link #poll}; fields are volatile for that hand-over.
 */
final class FaultWindow {

    final String fault;
    private volatile long startMs = -1;
    private volatile long healMs = -1;
    private volatile long recoveredMs = -1;
    private volatile BooleanSupplier recovered;

    FaultWindow(String fault) {
        this.fault = fault;
    }

    void started(long nowMs) {
        startMs = nowMs;
    }

    /** The fault is over; from now on {@code probe} says whether the stack has recovered. */
    void healed(long nowMs, BooleanSupplier probe) {
        recovered = probe;
        healMs = nowMs;
    }

    /** Checks the probe once; returns true once recovered. */
    boolean poll(long nowMs) {
        if (recoveredMs >= 0) {
            return true;
        }
        BooleanSupplier probe = recovered;
        if (healMs < 0 || probe == null) {
            return false;
        }
        if (probe.getAsBoolean()) {
            recoveredMs = nowMs;
            return true;
        }
        return false;
    }

    long startMs() {
        return startMs;
    }

    long healMs() {
        return healMs;
    }

    long durationMs() {
        return healMs < 0 || startMs < 0 ? -1 : healMs - startMs;
    }

    /** From the heal to the probe passing; -1 while not recovered. */
    long recoveryMs() {
        return recoveredMs < 0 ? -1 : recoveredMs - healMs;
    }

    boolean ran() {
        return startMs >= 0;
    }
}
