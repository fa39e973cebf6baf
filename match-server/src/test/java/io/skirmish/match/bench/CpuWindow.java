package io.skirmish.match.bench;

import io.skirmish.kit.ops.CpuClock;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * CPU used by the benchmark's processes during the measure window: samples every clock at the
 * window's start and end on its own thread, so the scheduling thread never stops to read
 * {@code /proc}. Clocks are in ns; a clock returning -1 makes its figure NaN.
 */
final class CpuWindow implements AutoCloseable {

    private final LongSupplier[] clocks;
    private final long[] start;
    private final long[] end;
    private final long[] wallNs = new long[2];
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-cpu");
        thread.setDaemon(true);
        return thread;
    });

    CpuWindow(long startNs, long endNs, LongSupplier... clocks) {
        this.clocks = clocks.clone();
        this.start = new long[clocks.length];
        this.end = new long[clocks.length];
        sampler.schedule(() -> sample(start, 0), Math.max(0, startNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        sampler.schedule(() -> sample(end, 1), Math.max(0, endNs - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void sample(long[] into, int at) {
        wallNs[at] = System.nanoTime();
        for (int i = 0; i < clocks.length; i++) {
            into[i] = clocks[i].getAsLong();
        }
    }

    /** Cores clock {@code i} used on average over the window (waits for the end sample). */
    double cores(int i) {
        awaitEnd();
        if (start[i] < 0 || end[i] < 0 || wallNs[1] <= wallNs[0]) {
            return Double.NaN;
        }
        return (double) (end[i] - start[i]) / (wallNs[1] - wallNs[0]);
    }

    /** The raw difference of clock {@code i} over the window (for counters that are not CPU). */
    long delta(int i) {
        awaitEnd();
        return end[i] - start[i];
    }

    private void awaitEnd() {
        sampler.shutdown();
        try {
            sampler.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static LongSupplier process(long pid) {
        return () -> CpuClock.process(pid);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
