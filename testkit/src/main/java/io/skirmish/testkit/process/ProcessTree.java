package io.skirmish.testkit.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Stops a process together with its children. Needed because {@code bin/elasticsearch} (and
 * {@code setpriv}) start the real server as a child: destroying only the launched process
 * would leave the server running and holding its ports.
 */
public final class ProcessTree {
    private ProcessTree() {
    }

    /** SIGTERM to the whole tree, wait up to {@code grace}, then SIGKILL whatever is left. */
    public static void terminate(ProcessHandle root, Duration grace) {
        terminate(root, grace, SystemNanoClock.INSTANCE);
    }

    /** As {@link #terminate(ProcessHandle, Duration)}, with the grace period kept on {@code clock}. */
    public static void terminate(ProcessHandle root, Duration grace, NanoClock clock) {
        List<ProcessHandle> tree = snapshot(root);
        // Children first, so a launcher that reacts to SIGTERM by stopping its child
        // finds nothing left to do rather than racing with us.
        for (int i = tree.size() - 1; i >= 0; i--) {
            tree.get(i).destroy();
        }
        awaitExit(tree, grace, clock);
        kill(tree);
    }

    /** SIGKILL to the whole tree at once: the "kill -9" of fault tests and JVM shutdown hooks. */
    public static void kill(ProcessHandle root) {
        kill(root, SystemNanoClock.INSTANCE);
    }

    /** As {@link #kill(ProcessHandle)}, with the wait for the exits kept on {@code clock}. */
    public static void kill(ProcessHandle root, NanoClock clock) {
        List<ProcessHandle> tree = snapshot(root);
        kill(tree);
        awaitExit(tree, Duration.ofSeconds(10), clock);
    }

    private static void kill(List<ProcessHandle> tree) {
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    private static void awaitExit(List<ProcessHandle> tree, Duration timeout, NanoClock clock) {
        long deadlineNs = clock.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : tree) {
            long remainingNs = deadlineNs - clock.nanoTime();
            if (remainingNs <= 0) {
                return;
            }
            CompletableFuture<ProcessHandle> exit = handle.onExit();
            try {
                exit.get(remainingNs, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return;
            } catch (ExecutionException e) {
                // onExit never completes exceptionally for a process handle; nothing to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
