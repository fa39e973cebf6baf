package io.skirmish.kit.redis.link;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.EventLoop;

/**
 * Flushes once per event-loop turn. Netty runs a loop's queued tasks after it has handled the
 * I/O that was ready, so everything written during one turn (the queries read from every
 * client connection, the replies of one read from Redis) leaves in one flush per channel,
 * and many queries share one Redis round trip. Callers register at most once per turn (each
 * keeps a flag that {@link Flushable#flushNow()} resets).
 *
 * <p>One per event loop; every method runs on that loop.
 */
public final class TurnFlusher implements Runnable {

    /** Something with writes to flush at the end of the turn. */
    public interface Flushable {
        void flushNow();
    }

    private final EventLoop loop;
    private List<Flushable> queued = new ArrayList<>();
    private List<Flushable> spare = new ArrayList<>();

    public TurnFlusher(EventLoop loop) {
        this.loop = loop;
    }

    public EventLoop loop() {
        return loop;
    }

    /** Flushes {@code flushable} at the end of this turn; call once until it has been flushed. */
    public void flushLater(Flushable flushable) {
        if (queued.isEmpty()) {
            loop.execute(this);
        }
        queued.add(flushable);
    }

    @Override
    public void run() {
        // Swap first: a flush may queue more (a failed write's reply), those run in the next task.
        List<Flushable> now = queued;
        queued = spare;
        spare = now;
        for (int i = 0; i < now.size(); i++) {
            now.get(i).flushNow();
        }
        now.clear();
    }
}
