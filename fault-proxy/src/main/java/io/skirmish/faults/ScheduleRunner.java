package io.skirmish.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link FaultSchedule}: each {@link #doWork} runs the steps whose offset has passed since
 * {@link #start}, and logs when each ran (epoch millis, for a report's timeline). A step that
 * throws is logged and listed as failed; the steps after it still run.
 *
 * <p>Threading: one thread calls {@code start} and {@code doWork} (a drill's driver or a daemon
 * thread from {@link #startThread}); {@link #ran} may be read from any thread.
 */
public final class ScheduleRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

    /** A step that ran, and when (the epoch clock's reading). */
    public record Ran(String name, long offsetMs, long epochMs) {
    }

    private final List<FaultSchedule.Step> steps;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final List<Ran> ran = Collections.synchronizedList(new ArrayList<>());
    private long startNs;
    private volatile int next;
    private volatile boolean started;

    public ScheduleRunner(FaultSchedule schedule, NanoClock nanoClock, EpochClock epochClock) {
        this.steps = schedule.steps();
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    public void start() {
        startNs = nanoClock.nanoTime();
        started = true;
    }

    /** Runs the steps now due; returns how many ran. */
    public int doWork() {
        if (!started) {
            throw new IllegalStateException("start() first");
        }
        long elapsedNs = nanoClock.nanoTime() - startNs;
        int count = 0;
        while (next < steps.size() && steps.get(next).at().toNanos() <= elapsedNs) {
            FaultSchedule.Step step = steps.get(next);
            String name = step.name();
            try {
                step.action().run();
                LOG.info("fault step ran name=\"{}\" at={}ms", name, step.at().toMillis());
            } catch (RuntimeException e) {
                // One failed step (a process that would not restart) must not cancel the faults after it.
                name = name + " FAILED: " + e;
                LOG.warn("fault step failed name=\"{}\" at={}ms error={}", step.name(), step.at().toMillis(), e.toString());
            }
            ran.add(new Ran(name, step.at().toMillis(), epochClock.time()));
            // Only now: done() must not say so while the last step is still running.
            next++;
            count++;
        }
        return count;
    }

    public boolean done() {
        return next >= steps.size();
    }

    /** The steps that ran so far, in order. */
    public List<Ran> ran() {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    /**
     * Runs the schedule on a daemon thread that checks every {@code pollMs} until done or
     * interrupted; the thread is returned so the caller can interrupt and join it.
     */
    public Thread startThread(String name, long pollMs) {
        start();
        Thread thread = new Thread(() -> {
            try {
                while (!done() && !Thread.currentThread().isInterrupted()) {
                    doWork();
                    Thread.sleep(pollMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
