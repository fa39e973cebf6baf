package io.skirmish.ranking.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.board.ScoreCodec;
import io.skirmish.ranking.it.RankingClient;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.UnifiedJedis;

/**
 * How long a change takes to show in Top 10 answers: every {@code intervalMs} a new leader
 * value is written to the board ({@code ZADD}, as the apply script does), and from the moment
 * Redis acknowledged the write, Top 10 is asked again and again on a connection of its own until
 * an answer shows it. The delay (HdrHistogram, µs) runs from that acknowledgement to the arrival
 * of the first answer that shows the write; {@link Measured#firstReadShowed} counts the writes
 * that the very first query sent after the acknowledgement already showed (a cache that lags
 * fails it; Redis itself never does).
 */
final class FreshnessProbe {

    static final String PROBE = "freshness-probe";
    /** Above every loaded player's value, so each probe write makes the probe the leader. */
    private static final long FIRST_VALUE = 1_000_000;

    record Measured(Histogram delayUs, long firstReadShowed, long writes) {
        double p50Ms() {
            return delayUs.getValueAtPercentile(50) / 1e3;
        }

        double p99Ms() {
            return delayUs.getValueAtPercentile(99) / 1e3;
        }

        double maxMs() {
            return delayUs.getMaxValue() / 1e3;
        }
    }

    private final UnifiedJedis redis;
    private final String boardKey;
    private final BoardRef board;
    private final LongSupplier nanoClock;
    private long nextValue = FIRST_VALUE;

    FreshnessProbe(UnifiedJedis redis, String boardKey, BoardRef board, LongSupplier nanoClock) {
        this.redis = redis;
        this.boardKey = boardKey;
        this.board = board;
        this.nanoClock = nanoClock;
    }

    /** Probes for {@code durationMs}, one write every {@code intervalMs}, through the server on {@code port}. */
    Measured run(int port, long durationMs, long intervalMs) throws Exception {
        Histogram delays = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long firstReadShowed = 0;
        long writes = 0;
        long endNs = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(durationMs);
        try (RankingClient client = new RankingClient("127.0.0.1", port)) {
            while (nanoClock.getAsLong() < endNs) {
                long value = nextValue++;
                redis.zadd(boardKey, ScoreCodec.encode(value, ScoreCodec.EPOCH_MS), PROBE);
                long ackedNs = nanoClock.getAsLong();
                writes++;
                boolean first = true;
                while (!shows(client.top(board, 10, 0), value)) {
                    first = false;
                    if (nanoClock.getAsLong() - ackedNs > TimeUnit.SECONDS.toNanos(30)) {
                        throw new IllegalStateException("a write was not visible after 30 s");
                    }
                }
                delays.recordValue(Math.max(1, (nanoClock.getAsLong() - ackedNs) / 1_000));
                if (first) {
                    firstReadShowed++;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(intervalMs));
            }
        }
        return new Measured(delays, firstReadShowed, writes);
    }

    private static boolean shows(ServerMessage reply, long value) {
        if (reply.hasError()) {
            throw new IllegalStateException("probe query refused: " + reply.getError());
        }
        if (reply.getPage().getEntriesCount() == 0) {
            return false;
        }
        Entry leader = reply.getPage().getEntries(0);
        return leader.getPlayerId().equals(PROBE) && leader.getScore() == value;
    }
}
