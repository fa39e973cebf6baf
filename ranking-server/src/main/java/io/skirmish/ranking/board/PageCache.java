package io.skirmish.ranking.board;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.Message;

/**
 * Answers of Top, Around and Rank queries kept in memory and dropped when Redis says one of the
 * keys they were read from changed (client tracking, fed by {@link BoardTracking}). A page is
 * only ever served while Redis has promised to report changes ({@link #live()}); when that
 * promise lapses (the tracking connection dropped) everything is dropped at once, so a page is
 * never older than the last invalidation Redis sent.
 *
 * <p>The race it must close: a read leaves for Redis, a result changes the board, the
 * invalidation arrives (on another connection) before the read's now-stale answer. So a query
 * takes a {@link #ticket()} before its first command leaves, and {@link #put} keeps its answer
 * only if none of its keys was invalidated, and nothing was flushed, since that ticket. Tickets
 * are values of a counter that every invalidation advances.
 *
 * <p>Bounded: at most {@code maxPages} answers (the least recently used goes first), and at
 * most {@value #MAX_TRACKED_KEYS} keys remembered with their last invalidation (beyond that
 * everything is flushed and forgotten). Thread-safe: the query loops and the tracking loop share
 * it behind one lock, held for map operations only.
 */
public final class PageCache {

    /** Keys remembered with their last invalidation; the leaderboards of a few seasons and days fit many times over. */
    static final int MAX_TRACKED_KEYS = 10_000;
    /** What {@link #ticket()} returns while not live: {@link #put} never keeps an answer with it. */
    static final long NO_TICKET = -1;

    /** One kept answer and the Redis keys it was read from. */
    private record Kept(Message answer, String[] keys) {
    }

    private final int maxPages;
    private final CacheMetrics metrics;
    private final LinkedHashMap<String, Kept> pages = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Set<String>> pagesByKey = new HashMap<>();
    private final Map<String, Long> invalidatedAt = new HashMap<>();
    /** Advanced by every invalidation and flush; tickets are its values. */
    private long clock;
    private long flushedAt;
    private boolean live;

    public PageCache(int maxPages, CacheMetrics metrics) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be positive: " + maxPages);
        }
        this.maxPages = maxPages;
        this.metrics = metrics;
    }

    /** The kept answer of {@code page}, or {@code null} (a miss) when there is none or the cache is not live. */
    public synchronized Message get(String page) {
        Kept kept = live ? pages.get(page) : null;
        if (kept == null) {
            metrics.missed();
            return null;
        }
        metrics.hit();
        return kept.answer();
    }

    /** Taken before a query's first command leaves for Redis; {@link #NO_TICKET} while not live. */
    public synchronized long ticket() {
        return live ? clock : NO_TICKET;
    }

    /**
     * Keeps {@code answer} for {@code page} unless one of {@code keys} was invalidated, or the
     * cache flushed, since {@code ticket} was taken (then the answer may predate a change).
     *
     * @return whether it was kept
     */
    public synchronized boolean put(String page, String[] keys, Message answer, long ticket) {
        if (!live || ticket == NO_TICKET || flushedAt > ticket) {
            return false;
        }
        for (String key : keys) {
            Long at = invalidatedAt.get(key);
            if (at != null && at > ticket) {
                metrics.refusedStale();
                return false;
            }
        }
        Kept previous = pages.put(page, new Kept(answer, keys));
        if (previous != null) {
            unindex(page, previous.keys());
        }
        for (String key : keys) {
            pagesByKey.computeIfAbsent(key, k -> new HashSet<>()).add(page);
        }
        evictBeyondCap();
        return true;
    }

    /** Redis reported that these keys changed: their pages go, and answers read before now are not kept. */
    public synchronized void invalidate(Collection<String> keys) {
        clock++;
        int dropped = 0;
        for (String key : keys) {
            invalidatedAt.put(key, clock);
            Set<String> affected = pagesByKey.remove(key);
            if (affected != null) {
                for (String page : affected) {
                    Kept kept = pages.remove(page);
                    if (kept != null) {
                        unindex(page, kept.keys());
                        dropped++;
                    }
                }
            }
        }
        metrics.invalidated(dropped);
        if (invalidatedAt.size() > MAX_TRACKED_KEYS) {
            flush();
        }
    }

    /**
     * Tracking is on (Redis acknowledged it on a fresh connection): answers may be kept from now on.
     * Anything read before is not kept.
     */
    public synchronized void live() {
        flush();
        live = true;
    }

    /** Tracking lapsed (connection lost, or Redis told us to drop everything): everything goes and nothing is kept until {@link #live()}. */
    public synchronized void down() {
        flush();
        live = false;
    }

    /** Drops every page (Redis flushed its database); stays live. */
    public synchronized void invalidateAll() {
        flush();
    }

    public synchronized boolean isLive() {
        return live;
    }

    public synchronized int size() {
        return pages.size();
    }

    private void flush() {
        clock++;
        flushedAt = clock;
        metrics.flushed(pages.size());
        pages.clear();
        pagesByKey.clear();
        invalidatedAt.clear();
    }

    private void evictBeyondCap() {
        Iterator<Map.Entry<String, Kept>> eldest = pages.entrySet().iterator();
        while (pages.size() > maxPages && eldest.hasNext()) {
            Map.Entry<String, Kept> entry = eldest.next();
            eldest.remove();
            unindex(entry.getKey(), entry.getValue().keys());
            metrics.evicted();
        }
    }

    private void unindex(String page, String[] keys) {
        for (String key : keys) {
            Set<String> indexed = pagesByKey.get(key);
            if (indexed != null) {
                indexed.remove(page);
                if (indexed.isEmpty()) {
                    pagesByKey.remove(key);
                }
            }
        }
    }
}
