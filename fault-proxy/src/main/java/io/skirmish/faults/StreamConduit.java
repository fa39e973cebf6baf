package io.skirmish.faults;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import org.agrona.concurrent.NanoClock;

/**
 * One direction of a proxied TCP connection: bytes read from the source wait in a
 * {@link DelayLine} until the {@link StreamPacer} says they arrive, then are written to the
 * target in order; a partition holds them (nothing is lost, as TCP retransmits through a short
 * partition); the source's close travels the same line, after its last bytes.
 *
 * <p>Threading: source and target share one event loop, which makes every call here.
 */
final class StreamConduit {

    /** Marks the source's end of stream in the line. */
    private static final Object CLOSE = new Object();
    private static final long PARTITION_RECHECK_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Channel source;
    private final Channel target;
    private final FaultControl control;
    private final NanoClock clock;
    private final StreamPacer pacer;
    private final FaultCounters counters;
    private final DelayLine<Object> line;
    private boolean timerPending;
    private boolean closed;

    StreamConduit(Channel source, Channel target, FaultControl control, NanoClock clock, StreamPacer pacer,
                  FaultCounters counters, long maxBufferedBytes) {
        this.source = source;
        this.target = target;
        this.control = control;
        this.clock = clock;
        this.pacer = pacer;
        this.counters = counters;
        this.line = new DelayLine<>(maxBufferedBytes);
    }

    void onData(ByteBuf data) {
        if (closed) {
            data.release();
            return;
        }
        int bytes = data.readableBytes();
        if (!line.add(pacer.dueNs(control.current(), clock.nanoTime(), counters), bytes, data)) {
            // The reader is paused above the high-water mark; overflowing anyway means a peer
            // ignored it, and a byte stream cannot drop a chunk: end the connection.
            data.release();
            counters.overflow.incrementAndGet();
            abort();
            return;
        }
        if (line.aboveHighWater()) {
            source.config().setAutoRead(false);
        }
        armTimer();
    }

    void onSourceClosed() {
        if (!closed) {
            line.add(pacer.dueNs(control.current(), clock.nanoTime(), counters), 0, CLOSE);
            armTimer();
        }
    }

    /** Closes both ends at once and frees what was waiting (a cut, or a failed write). */
    void abort() {
        if (closed) {
            return;
        }
        closed = true;
        line.clear(ReferenceCountUtil::release);
        source.close();
        target.close();
    }

    private void armTimer() {
        if (!timerPending && !line.isEmpty()) {
            timerPending = true;
            long delayNs = Math.max(0, line.nextDueNs() - clock.nanoTime());
            source.eventLoop().schedule(this::pump, delayNs, TimeUnit.NANOSECONDS);
        }
    }

    private void pump() {
        timerPending = false;
        if (closed) {
            return;
        }
        if (control.current().partitioned()) {
            timerPending = true;
            source.eventLoop().schedule(this::pump, PARTITION_RECHECK_NS, TimeUnit.NANOSECONDS);
            return;
        }
        int released = line.releaseDue(clock.nanoTime(), this::deliver);
        if (released > 0 && !closed) {
            target.flush();
            if (!line.aboveHighWater() && !source.config().isAutoRead() && source.isActive()) {
                source.config().setAutoRead(true);
            }
        }
        armTimer();
    }

    private void deliver(Object item) {
        if (item == CLOSE) {
            closed = true;
            target.flush();
            target.close();
            return;
        }
        if (closed) {
            ReferenceCountUtil.release(item);
            return;
        }
        counters.relayed.incrementAndGet();
        target.write(item).addListener(f -> {
            if (!f.isSuccess()) {
                abort();
            }
        });
    }
}
