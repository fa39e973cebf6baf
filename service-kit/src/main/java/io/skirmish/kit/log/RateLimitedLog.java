package io.skirmish.kit.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs bad input without letting a hostile or broken client flood the log: at most
 * {@code linesPerWindow} lines per reason per window; the first line after a quiet spell
 * says how many were suppressed. Counting every occurrence is the job of a metric; this
 * keeps the log readable and bounded.
 *
 * <p>Thread-safe: Netty I/O threads of any connection may call {@link #warn} at once.
 */
public final class RateLimitedLog {

    private final Logger logger;
    private final int linesPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger logger, int linesPerWindow, long window, TimeUnit unit, LongSupplier nanoClock) {
        if (linesPerWindow < 1) {
            throw new IllegalArgumentException("linesPerWindow must be >= 1, was " + linesPerWindow);
        }
        this.logger = logger;
        this.linesPerWindow = linesPerWindow;
        this.windowNanos = unit.toNanos(window);
        this.nanoClock = nanoClock;
    }

    /** Ten lines per reason per minute, on the system's monotonic clock. */
    public static RateLimitedLog perMinute(Logger logger) {
        return new RateLimitedLog(logger, 10, 1, TimeUnit.MINUTES, System::nanoTime);
    }

    /**
     * Logs {@code format} at WARN unless {@code reason} has used its lines in this window.
     * Returns whether the line was written.
     */
    public boolean warn(String reason, String format, Object... arguments) {
        long suppressed = admit(reason);
        if (suppressed < 0) {
            return false;
        }
        if (suppressed > 0 && logger.isWarnEnabled()) {
            logger.warn("{} more '{}' lines suppressed in the last window", suppressed, reason);
        }
        logger.warn(format, arguments);
        return true;
    }

    /** -1 when the line must be dropped, else the count suppressed since the last written line. */
    private long admit(String reason) {
        long now = nanoClock.getAsLong();
        Window window = windows.computeIfAbsent(reason, key -> new Window(now));
        synchronized (window) {
            if (now - window.startNanos >= windowNanos) {
                window.startNanos = now;
                window.written = 0;
            }
            if (window.written >= linesPerWindow) {
                window.suppressed.incrementAndGet();
                return -1;
            }
            window.written++;
            return window.suppressed.getAndSet(0);
        }
    }

    private static final class Window {
        private long startNanos;
        private int written;
        private final AtomicLong suppressed = new AtomicLong();

        private Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }
}
