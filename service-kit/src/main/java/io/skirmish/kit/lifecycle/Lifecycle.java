package io.skirmish.kit.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns what a process started and stops it in reverse order, once, whether the process ends
 * by SIGTERM (a JVM shutdown hook), by its own decision, or at the end of a test.
 *
 * <p>Components register as they start, so a failure half-way through start-up still closes
 * what was already running. A component whose stop is slow (a game server draining its
 * matches) simply blocks in {@code close()}: the shutdown hook waits for it.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final String name;
    private final Deque<Stoppable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closing;

    public Lifecycle(String name) {
        this.name = name;
    }

    /** A named resource so a slow or failing stop can be told apart in the log. */
    private record Stoppable(String name, AutoCloseable resource) {
    }

    /** Registers {@code resource} to be closed when the process stops; returns it. */
    public synchronized <T extends AutoCloseable> T register(String component, T resource) {
        if (closing) {
            throw new IllegalStateException(name + " is stopping; cannot start " + component);
        }
        started.push(new Stoppable(component, resource));
        return resource;
    }

    /** Closes everything on SIGTERM or Ctrl-C. */
    public Lifecycle closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, name + "-shutdown"));
        return this;
    }

    /** Blocks until {@link #close()} has finished, for a main thread with nothing else to do. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        LOG.info("stopping service={}", name);
        Stoppable next;
        while ((next = pop()) != null) {
            try {
                next.resource().close();
            } catch (Exception e) {
                LOG.warn("stop failed service={} component={} error={}", name, next.name(), e.toString());
            }
        }
        LOG.info("stopped service={}", name);
        stopped.countDown();
    }

    private synchronized Stoppable pop() {
        return started.poll();
    }
}
