package io.skirmish.kit.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a process's key files current without a restart: re-reads each every {@code periodMs}
 * (a content hash, so an unchanged file costs one small read) and at once on SIGHUP. Polling
 * rather than a {@code WatchService} because Kubernetes updates a mounted Secret by swapping a
 * symlink, which directory watches report inconsistently; SIGHUP is for an operator who wants it
 * now. One daemon thread; {@link #close()} stops it.
 */
public final class KeyFileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFileWatcher.class);

    private final List<KeyFileRing> rings;
    private final ScheduledExecutorService thread;
    private final Runnable onSignal;

    public KeyFileWatcher(List<KeyFileRing> rings, long periodMs) {
        this.rings = List.copyOf(rings);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "key-file-watcher");
            t.setDaemon(true);
            return t;
        });
        this.onSignal = () -> thread.execute(this::reloadAll);
        if (!this.rings.isEmpty()) {
            thread.scheduleWithFixedDelay(this::reloadAll, periodMs, periodMs, TimeUnit.MILLISECONDS);
            ReloadSignal.add(onSignal);
        }
    }

    private void reloadAll() {
        for (KeyFileRing ring : rings) {
            try {
                ring.reload();
            } catch (RuntimeException e) {
                LOG.warn("key file check failed file={} error={}", ring.file(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        ReloadSignal.remove(onSignal);
        thread.shutdownNow();
    }
}
