package io.skirmish.launcher;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Starts a {@link StackPlan} in order, waits for the end of the run, and stops what it started in
 * reverse order. The main thread calls {@link #start} and {@link #awaitEnd}; {@link #stopAll} is
 * synchronized and idempotent because the launcher's shutdown hook calls it too, as a safety net.
 */
final class LocalStack {
    /** Why the run ended; decides the exit status. */
    enum Outcome {
        DURATION_ELAPSED(0), STOP_REQUESTED(0), FINISHED(0), CRASHED(1);

        final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /** Start-up failed, or was abandoned because a stop was requested. */
    static final class StartFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean stopRequested;

        StartFailed(String message, RuntimeException cause, boolean stopRequested) {
            super(message, cause);
            this.stopRequested = stopRequested;
        }
    }

    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final List<StackComponent> components;
    private final StackConsole console;
    private final StopSignal stopSignal;
    private final LongSupplier nanoClock;
    private final Consumer<String> onProcessesChanged;
    private final Deque<StackComponent> started = new ArrayDeque<>();
    private final java.util.Map<StackComponent, String> lastProgress = new java.util.HashMap<>();

    /**
     * @param onProcessesChanged called with the component's name after it started, and with
     *                           "stop" after the stop, to record what runs (see {@link LeftoverProcesses})
     */
    LocalStack(List<StackComponent> components, StackConsole console, StopSignal stopSignal, LongSupplier nanoClock,
               Consumer<String> onProcessesChanged) {
        this.components = List.copyOf(components);
        this.console = console;
        this.stopSignal = stopSignal;
        this.nanoClock = nanoClock;
        this.onProcessesChanged = onProcessesChanged;
    }

    /**
     * Starts every component, one line each. On a failure (or a stop request) stops what already
     * runs and throws {@link StartFailed}: a half stack is never left behind.
     */
    void start() {
        stopSignal.interruptOnRequest(Thread.currentThread());
        try {
            for (StackComponent component : components) {
                if (stopSignal.isRequested()) {
                    throw abandon(new StartFailed("stop requested before " + component.name() + " started", null, true));
                }
                long startNs = nanoClock.getAsLong();
                try {
                    component.start();
                } catch (RuntimeException e) {
                    Duration took = since(startNs);
                    boolean requested = stopSignal.isRequested();
                    if (requested) {
                        console.aborted(component.name(), took);
                    } else {
                        console.failed(component.name(), took, e);
                    }
                    // A component that failed half-way may still hold a process: stop it too.
                    synchronized (this) {
                        started.push(component);
                    }
                    throw abandon(new StartFailed(component.name() + " did not start", e, requested));
                }
                synchronized (this) {
                    started.push(component);
                }
                console.ready(component, since(startNs));
                onProcessesChanged.accept(component.name());
            }
        } finally {
            stopSignal.interruptOnRequest(null);
            Thread.interrupted(); // a late interrupt must not cut short the stop that follows
        }
    }

    /** Blocks until the duration elapses, a stop is requested, or a component finishes or dies. */
    Outcome awaitEnd(Optional<Duration> duration, boolean keepRunning) {
        long deadlineNs = duration.map(d -> nanoClock.getAsLong() + d.toNanos()).orElse(Long.MAX_VALUE);
        boolean finishedNoticed = false;
        while (true) {
            long leftNs = deadlineNs - nanoClock.getAsLong();
            if (leftNs <= 0) {
                return Outcome.DURATION_ELAPSED;
            }
            if (stopSignal.await(Duration.ofNanos(Math.min(leftNs, CHECK_INTERVAL.toNanos())))) {
                Thread.interrupted();
                return Outcome.STOP_REQUESTED;
            }
            for (StackComponent component : components) {
                if (component.isRunning()) {
                    showProgress(component);
                    continue;
                }
                if (!component.finishesOnItsOwn()) {
                    console.notice(component.name() + " is no longer running; see "
                            + component.logs().stream().map(Object::toString).findFirst().orElse("its log"));
                    return Outcome.CRASHED;
                }
                if (!keepRunning) {
                    console.notice(component.name() + " finished");
                    console.whereToLook(components);
                    return Outcome.FINISHED;
                }
                if (!finishedNoticed) {
                    console.notice(component.name() + " finished; the rest keeps running (--keep-running)");
                    console.whereToLook(components);
                    finishedNoticed = true;
                }
            }
        }
    }

    /** Prints a component's progress line when it changed since the last one printed. */
    private void showProgress(StackComponent component) {
        String line = component.progress();
        if (line != null && !line.equals(lastProgress.get(component))) {
            lastProgress.put(component, line);
            console.progress(component, line);
        }
    }

    /** Stops every started component, last started first; one failure does not stop the others. */
    synchronized void stopAll(String why) {
        if (started.isEmpty()) {
            return;
        }
        console.stopping(why);
        while (!started.isEmpty()) {
            StackComponent component = started.pop();
            long startNs = nanoClock.getAsLong();
            try {
                component.stop();
                console.stopped(component, since(startNs));
            } catch (RuntimeException e) {
                console.stopFailed(component, e);
            }
        }
        onProcessesChanged.accept("stop");
        console.allStopped();
    }

    private StartFailed abandon(StartFailed failure) {
        Thread.interrupted();
        stopAll(failure.stopRequested ? stopSignal.reason() : "start-up failed");
        return failure;
    }

    private Duration since(long startNs) {
        return Duration.ofNanos(nanoClock.getAsLong() - startNs);
    }
}
