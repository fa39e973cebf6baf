package io.skirmish.launcher;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a stop request the launcher's main thread acts on.
 *
 * <p>Why not just a shutdown hook: all shutdown hooks run at once, and testkit's own hook SIGKILLs
 * every fixture process, so an orderly stop in reverse start order (servers before the stores
 * they flush to) has to happen before the JVM starts shutting down. The first signal requests
 * the stop (and interrupts the main thread while it waits for a component to come up); a second
 * one exits at once with status 130, and the shutdown hooks kill whatever is left.
 *
 * <p>{@link #request} may be called from any thread; {@link #await} from the main thread.
 */
final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();
    private volatile String reason = "";
    private volatile Thread interruptible;

    /**
     * Installs the SIGINT and SIGTERM handlers; {@code onFirst} is told which signal arrived.
     * Where {@code sun.misc.Signal} is unavailable the JVM's default handling stays and the
     * launcher's shutdown hook does the stopping, without the reverse order guarantee.
     */
    void install(Consumer<String> onFirst) {
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                Signal.handle(new Signal(name), signal -> onSignal("SIG" + signal.getName(), onFirst));
            }
        } catch (IllegalArgumentException | LinkageError e) {
            // no handler on this platform: fall back to the shutdown hook
        }
    }

    void request(String why) {
        reason = why;
        requested.countDown();
        Thread thread = interruptible;
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    String reason() {
        return reason;
    }

    /** While set, a stop request interrupts this thread (to cut a component's start-up wait short). */
    void interruptOnRequest(Thread thread) {
        interruptible = thread;
        if (thread != null && isRequested()) {
            thread.interrupt();
        }
    }

    /** Waits up to {@code timeout}; true when a stop was requested. */
    boolean await(Duration timeout) {
        try {
            return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void onSignal(String name, Consumer<String> onFirst) {
        if (signals.incrementAndGet() == 1) {
            onFirst.accept(name);
            request(name);
        } else {
            Runtime.getRuntime().exit(130);
        }
    }
}
