package io.skirmish.bots.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.EventLoop;
import org.agrona.concurrent.NanoClock;

/**
 * Ticks every playing bot of one event loop at the tick rate: one timer per loop, not per bot,
 * so thousands of bots cost one timer. Touched only on its loop.
 *
 * <p>Bots are handed the time their tick was <em>due</em>, not the time it ran, and inputs are
 * timed from then: a loop that runs late (the swarm's own CPU starvation) shows in the round
 * trip instead of hiding in a late start. A loop more than a whole tick late skips the ticks it
 * missed, as a game client at a low frame rate does, and counts them
 * ({@code bot_ticks_skipped}): replaying them back to back would send a burst no player sends
 * and, under sustained overload, a backlog that only grows.
 *
 * <p>The clock is injected so that lateness and skipping are tested by moving a fake clock
 * ({@link #onTimer}), not by blocking a real event loop.
 */
final class TickDriver {

    /** Something ticked at the tick rate: a playing bot. */
    interface Ticking {
        /** @param dueNs when this tick was due (the driver's nano clock) */
        void tick(long dueNs);
    }

    private final List<Ticking> playing = new ArrayList<>();
    private final EventLoop loop;
    private final long intervalNs;
    private final LongAdder ticksSkipped;
    private final NanoClock clock;
    /** When the next tick is due. */
    private long dueNs;
    private volatile ScheduledFuture<?> next;
    private volatile boolean cancelled;

    TickDriver(EventLoop loop, int tickRateHz, LongAdder ticksSkipped, NanoClock clock) {
        this.loop = loop;
        this.intervalNs = TimeUnit.SECONDS.toNanos(1) / tickRateHz;
        this.ticksSkipped = ticksSkipped;
        this.clock = clock;
        this.dueNs = clock.nanoTime() + intervalNs;
    }

    /** Starts the timer on the loop; the first tick is due one interval after construction. */
    TickDriver start() {
        schedule();
        return this;
    }

    void add(Ticking bot) {
        if (!playing.contains(bot)) {
            playing.add(bot);
        }
    }

    void remove(Ticking bot) {
        playing.remove(bot);
    }

    private void schedule() {
        next = loop.schedule(this::tick, nextDelayNs(), TimeUnit.NANOSECONDS);
    }

    /** How long the timer waits for the next tick (0 when it is due already). */
    long nextDelayNs() {
        return Math.max(0, dueNs - clock.nanoTime());
    }

    private void tick() {
        if (cancelled) {
            return;
        }
        onTimer();
        schedule();
    }

    /** What the timer does when it fires: ticks every bot once, after skipping the ticks missed. */
    void onTimer() {
        long missed = (clock.nanoTime() - dueNs) / intervalNs;
        if (missed > 0) {
            dueNs += missed * intervalNs;
            ticksSkipped.add(missed * playing.size());
        }
        // A bot may leave the list while ticking (its match ended): iterate over a stable copy.
        for (Ticking bot : playing.toArray(new Ticking[0])) {
            bot.tick(dueNs);
        }
        dueNs += intervalNs;
    }

    /** Stops ticking; from any thread. */
    void cancel() {
        cancelled = true;
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
