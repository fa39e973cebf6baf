package io.skirmish.ranking.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.ranking.it.ResultGenerator;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * Writes match results to {@code skirmish:results} at a fixed rate on a thread of its own, for a
 * ranking-server consumer to apply while queries are measured: the boards change under the
 * queries as in production. Paced against {@code nanoClock} (sends what is due each
 * millisecond, so a late wake-up catches up instead of lowering the rate).
 */
final class ResultFeed implements AutoCloseable {

    private final Thread thread;
    private volatile boolean stopped;
    private volatile long written;

    ResultFeed(UnifiedJedis redis, int perSecond, int poolSize, LongSupplier nanoClock) {
        thread = new Thread(() -> run(redis, perSecond, poolSize, nanoClock), "bench-result-feed");
        thread.setDaemon(true);
    }

    ResultFeed start() {
        thread.start();
        return this;
    }

    long written() {
        return written;
    }

    private void run(UnifiedJedis redis, int perSecond, int poolSize, LongSupplier nanoClock) {
        ResultGenerator generator = new ResultGenerator(7, poolSize, System.currentTimeMillis() - 3_600_000L);
        long startNs = nanoClock.getAsLong();
        long sent = 0;
        int batch = 0;
        List<MatchResult> results = List.of();
        int next = 0;
        while (!stopped) {
            long due = (nanoClock.getAsLong() - startNs) * perSecond / TimeUnit.SECONDS.toNanos(1);
            while (sent < due && !stopped) {
                if (next == results.size()) { // new match ids: every result is applied, none is a duplicate
                    results = generator.results(10_000, "feed" + batch++);
                    next = 0;
                }
                MatchResult result = results.get(next++);
                redis.xadd(EventStreams.bytes(EventStreams.RESULTS), XAddParams.xAddParams(),
                        EventStreams.resultFields(result.getMatchId(), result.toByteArray()));
                sent++;
                written = sent;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(5_000);
    }
}
