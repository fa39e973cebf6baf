package io.skirmish.ranking.board;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the {@link PageCache}: {@code ranking.cache.lookups{outcome=hit|miss}},
 * {@code ranking.cache.invalidated} (pages dropped because Redis reported a change),
 * {@code ranking.cache.evicted} (pages dropped for room), {@code ranking.cache.flushed} (pages
 * dropped all at once: tracking lost or restarted, Redis flushed), {@code ranking.cache.stale}
 * (answers not kept because a change was reported while they were read), and the gauges
 * {@code ranking.cache.pages} and {@code ranking.cache.live} (1 while Redis tracks for us).
 * Thread-safe.
 */
public final class CacheMetrics {

    private final Counter hits;
    private final Counter misses;
    private final Counter invalidated;
    private final Counter evicted;
    private final Counter flushed;
    private final Counter stale;

    public CacheMetrics(MeterRegistry registry) {
        hits = lookups(registry, "hit");
        misses = lookups(registry, "miss");
        invalidated = Counter.builder("ranking.cache.invalidated")
                .description("cached pages dropped because redis reported a change to a key they were read from")
                .register(registry);
        evicted = Counter.builder("ranking.cache.evicted").description("cached pages dropped to stay within the cap")
                .register(registry);
        flushed = Counter.builder("ranking.cache.flushed")
                .description("cached pages dropped all at once (tracking connection lost or restarted, redis flushed)")
                .register(registry);
        stale = Counter.builder("ranking.cache.stale")
                .description("answers not cached because a key they were read from changed while they were read")
                .register(registry);
    }

    /** Publishes the size and liveness of {@code cache}. */
    public void bind(MeterRegistry registry, PageCache cache) {
        Gauge.builder("ranking.cache.pages", cache, PageCache::size).description("pages held by the read cache")
                .register(registry);
        Gauge.builder("ranking.cache.live", cache, c -> c.isLive() ? 1 : 0)
                .description("1 while redis tracks the leaderboard keys for the read cache (pages are served)")
                .register(registry);
    }

    private static Counter lookups(MeterRegistry registry, String outcome) {
        return Counter.builder("ranking.cache.lookups").tag("outcome", outcome)
                .description("read cache lookups of Top, Around and Rank queries").register(registry);
    }

    void hit() {
        hits.increment();
    }

    void missed() {
        misses.increment();
    }

    void invalidated(int pages) {
        if (pages > 0) {
            invalidated.increment(pages);
        }
    }

    void evicted() {
        evicted.increment();
    }

    void flushed(int pages) {
        if (pages > 0) {
            flushed.increment(pages);
        }
    }

    void refusedStale() {
        stale.increment();
    }
}
