package io.skirmish.bots.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * Ticks every playing bot of one event loop at the tick rate: one scheduled task per loop, not
 * per bot, so thousands of bots cost one timer. Touched only on its loop.
 */
final class TickDriver {

    private final List<Bot> playing = new ArrayList<>();
    private final ScheduledFuture<?> task;

    TickDriver(EventLoop loop, int tickRateHz) {
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / tickRateHz;
        this.task = loop.scheduleAtFixedRate(this::tick, intervalNs, intervalNs, TimeUnit.NANOSECONDS);
    }

    void add(Bot bot) {
        if (!playing.contains(bot)) {
            playing.add(bot);
        }
    }

    void remove(Bot bot) {
        playing.remove(bot);
    }

    private void tick() {
        long nowNs = System.nanoTime();
        // A bot may leave the list while ticking (its match ended): iterate over a stable copy.
        for (Bot bot : playing.toArray(new Bot[0])) {
            bot.tick(nowNs);
        }
    }

    void cancel() {
        task.cancel(false);
    }
}
