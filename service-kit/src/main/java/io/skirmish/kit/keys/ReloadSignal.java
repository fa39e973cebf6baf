package io.skirmish.kit.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SIGHUP, the operator's "reload your key files now". The JVM allows one handler per signal, so
 * this class installs it once and fans it out to every listener of the process. The listeners
 * run on the JVM's signal thread and must return quickly.
 */
public final class ReloadSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);
    private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private ReloadSignal() {
    }

    /** Runs {@code listener} on every SIGHUP until {@link #remove}; installs the handler on first use. */
    public static synchronized void add(Runnable listener) {
        LISTENERS.add(listener);
        if (!installed) {
            installed = true;
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> fire());
            } catch (IllegalArgumentException e) {
                // No SIGHUP on this platform (or the JVM reserves it): the file watch still reloads.
                LOG.warn("SIGHUP handler not installed, key files reload on change only error={}", e.getMessage());
            }
        }
    }

    public static void remove(Runnable listener) {
        LISTENERS.remove(listener);
    }

    /** What a SIGHUP does; tests call it instead of signalling their own JVM. */
    public static void fire() {
        LISTENERS.forEach(Runnable::run);
    }
}
