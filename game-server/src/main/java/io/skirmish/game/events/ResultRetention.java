package io.skirmish.game.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.MatchResult;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every result this server stored until Redis has had the time to make it durable, then
 * checks that {@code skirmish:results} still holds its entry, and hands back the results it lost,
 * to be appended again.
 *
 * <p>Why: Redis acknowledges a write before it is on disk. With {@code appendfsync everysec} a
 * crash of the host (or of Redis while it postponed a write behind a slow fsync) loses what the
 * last second or two wrote, and a Redis Cluster failover loses what the old master acknowledged
 * and had not yet sent to its replica. A result is written once, by the game server that hosted
 * the match, so nothing else would ever write it again: that match would never be rated.
 * Appending it again is safe: the ranking-server applies a match id at most once.
 *
 * <p>A result counts as durable when its entry is still there {@link #DURABLE_AFTER_NS} after it
 * was stored (everysec: an fsync every second, plus up to two seconds of a postponed write, plus
 * margin). The check is one pipelined {@code XRANGE} per result, at most once a second; while
 * Redis cannot be asked the results wait. Publisher thread only; the nano clock is injected.
 */
final class ResultRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ResultRetention.class);
    static final long DURABLE_AFTER_NS = TimeUnit.SECONDS.toNanos(5);
    static final long CHECK_EVERY_NS = TimeUnit.SECONDS.toNanos(1);
    /** Results checked per round trip: a backlog after an outage is checked over a few seconds. */
    static final int CHECK_BATCH = 512;

    private record Kept(MatchResult result, String entryId, long storedAtNs) {
    }

    private final StreamWriter writer;
    private final NanoClock nanoClock;
    /** In the order they were stored, so the due ones are a prefix. */
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    private final AtomicInteger keptCount = new AtomicInteger();
    private final Counter resent;
    private long nextCheckNs;

    ResultRetention(StreamWriter writer, NanoClock nanoClock, MeterRegistry registry) {
        this.writer = writer;
        this.nanoClock = nanoClock;
        this.resent = Counter.builder("game.results.resent")
                .description("results appended again because Redis lost them after acknowledging them")
                .register(registry);
        Gauge.builder("game.results.unconfirmed", keptCount, AtomicInteger::get)
                .description("stored results not yet seen in Redis after they had time to become durable")
                .register(registry);
    }

    /** The result is in Redis under {@code entryId}. */
    void stored(MatchResult result, String entryId) {
        kept.addLast(new Kept(result, entryId, nanoClock.nanoTime()));
        keptCount.set(kept.size());
    }

    /**
     * When a check is due: asks Redis for the results stored at least {@link #DURABLE_AFTER_NS}
     * ago, forgets those it still holds and returns those it lost (forgotten too: appending one
     * again stores it again). Returns nothing when no check is due or Redis could not be asked.
     */
    List<MatchResult> lost() {
        long now = nanoClock.nanoTime();
        if (now < nextCheckNs || kept.isEmpty() || now - kept.peekFirst().storedAtNs() < DURABLE_AFTER_NS) {
            return List.of();
        }
        nextCheckNs = now + CHECK_EVERY_NS;
        Map<String, String> due = new LinkedHashMap<>();
        for (Kept result : kept) {
            if (now - result.storedAtNs() < DURABLE_AFTER_NS || due.size() == CHECK_BATCH) {
                break;
            }
            due.put(result.entryId(), result.result().getMatchId());
        }
        Optional<Set<String>> missing = writer.missing(EventStreams.RESULTS, due);
        if (missing.isEmpty()) {
            return List.of();
        }
        List<MatchResult> lost = new ArrayList<>();
        Iterator<Kept> oldest = kept.iterator();
        for (int i = 0; i < due.size(); i++) {
            Kept result = oldest.next();
            oldest.remove();
            if (missing.get().contains(result.entryId())) {
                lost.add(result.result());
                LOG.warn("result lost by Redis after it was acknowledged, appending it again matchId={} entry={}",
                        result.result().getMatchId(), result.entryId());
            }
        }
        keptCount.set(kept.size());
        resent.increment(lost.size());
        return lost;
    }

    int size() {
        return kept.size();
    }
}
