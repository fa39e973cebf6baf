package io.skirmish.bots.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * Ticks every playing bot of one event loop at the tick rate: one scheduled task per loop, not
 * per bot, so thousands of bots cost one timer. Touched only on its loop.
 *
 * <p>Bots are handed the time their tick was <em>due</em>, not the time it ran: inputs are
 * timed from then, so a loop that falls behind (the swarm's own CPU starvation) shows in the
 * round trip instead of hiding in a late start (coordinated omission, open-loop style).
 */
final class TickDriver {

    private final List<Bot> playing = new ArrayList<>();
    private final ScheduledFuture<?> task;
    private final long intervalNs;
    /** When the next run is due; advanced by one interval per run, as the fixed-rate schedule is. */
    private long dueNs;

    TickDriver(EventLoop loop, int tickRateHz) {
        this.intervalNs = TimeUnit.SECONDS.toNanos(1) / tickRateHz;
        this.dueNs = System.nanoTime() + intervalNs;
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
        long tickDueNs = dueNs;
        dueNs += intervalNs;
        // A bot may leave the list while ticking (its match ended): iterate over a stable copy.
        for (Bot bot : playing.toArray(new Bot[0])) {
            bot.tick(tickDueNs);
        }
    }

    void cancel() {
        task.cancel(false);
    }
}
