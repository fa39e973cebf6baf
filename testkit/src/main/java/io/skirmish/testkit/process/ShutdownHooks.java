package io.skirmish.testkit.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JVM shutdown hook that kills every fixture process still running, so an aborted test run
 * (Ctrl-C, a Surefire fork timeout, a launcher killed with SIGTERM) leaves nothing behind.
 * Processes register on start and unregister when stopped normally. Thread-safe.
 */
final class ShutdownHooks {
    private static final Map<Object, Runnable> ACTIONS = new LinkedHashMap<>();
    private static boolean installed;

    private ShutdownHooks() {
    }

    static synchronized void register(Object owner, Runnable killAction) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::runAll, "skirmish-testkit-shutdown"));
            installed = true;
        }
        ACTIONS.put(owner, killAction);
    }

    static synchronized void unregister(Object owner) {
        ACTIONS.remove(owner);
    }

    private static void runAll() {
        Runnable[] actions;
        synchronized (ShutdownHooks.class) {
            actions = ACTIONS.values().toArray(new Runnable[0]);
            ACTIONS.clear();
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // keep going: one failed kill must not leave the other processes running
            }
        }
    }
}
