package io.skirmish.game.net;

import java.util.concurrent.TimeUnit;

import io.skirmish.kit.log.RateLimitedLog;
import org.agrona.concurrent.NanoClock;

/**
 * Ends connections whose UDP side went silent: a connection without an authentic packet for the
 * silence (default 3 s; clients send a KEEPALIVE every 250 ms when they have nothing else to send)
 * has its TCP connection closed with {@code IDLE_TIMEOUT}, which puts its slot into the reconnect
 * grace like any disconnect. The snapshot senders already stopped sending to it at the same
 * silence; this frees the slot for the player's resume and stops holding a dead peer's state.
 *
 * <p>Threads: {@link #sweep()} on one scheduler thread; the close itself runs on the connection's
 * TCP event loop (a user event, {@link #SILENT}, that the TCP chain's {@code GuardTimeoutHandler} answers).
 */
public final class SilenceWatch implements Runnable {

    /** Told to the connection's TCP pipeline: its UDP side is silent, close it. */
    public static final Object SILENT = new Object() {
        @Override
        public String toString() {
            return "udp-silent";
        }
    };

    private final SessionDirectory directory;
    private final NanoClock clock;
    private final long silenceNs;
    private final NetMetrics metrics;
    private final RateLimitedLog log;

    public SilenceWatch(SessionDirectory directory, NanoClock clock, long silenceNs, NetMetrics metrics,
                        RateLimitedLog log) {
        this.directory = directory;
        this.clock = clock;
        this.silenceNs = silenceNs;
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void run() {
        sweep();
    }

    /** Closes every connection silent at this moment; returns how many it closed. */
    public int sweep() {
        long now = clock.nanoTime();
        int closed = 0;
        for (UdpConnection connection : directory.connections()) {
            if (connection.silent(now, silenceNs) && connection.markSilenced()) {
                closed++;
                metrics.connectionSilenced();
                log.warn("udp-silent", "closing connection silent on UDP matchId={} slot={} silenceMs={}",
                        connection.match() == null ? "-" : connection.match().spec().matchId(), connection.slot(),
                        TimeUnit.NANOSECONDS.toMillis(silenceNs));
                connection.tcp().pipeline().fireUserEventTriggered(SILENT);
            }
        }
        return closed;
    }
}
