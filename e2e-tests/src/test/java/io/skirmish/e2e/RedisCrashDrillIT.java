package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Redis crashes ({@code kill -9}) right after a game server wrote a result, and the crash takes
 * the end of its append-only file with it: the result is gone from {@code skirmish:results}. The
 * game server finds it missing when it checks its stored results (5 s after storing them),
 * appends it again, and the ranking-server applies it, once.
 *
 * <p>Why the file is cut by the test: {@code kill -9} of the Redis process alone loses nothing
 * Redis acknowledged, because Redis writes its append-only buffer to the file before it replies
 * (measured: 0 of 368,050 acknowledged {@code XADD}s lost in 6 kills); the page cache survives the
 * process. What {@code appendfsync everysec} can lose is what had not reached the disk when the
 * host went down, or what Redis held back while an fsync was slow (up to 2 s). The drill makes
 * that happen for real on the file: it kills Redis, cuts its append-only file back to its length
 * just before the result's {@code XADD} (the last fsync, as a power cut would leave it), and
 * starts Redis from it.
 */
@Tag("drill")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RedisCrashDrillIT {

    private static final Duration MAX_MATCH = Duration.ofSeconds(10);

    private final Path work = DrillDirs.create("redis-crash");

    @Test
    void aResultTheCrashLostIsWrittenAgainAndAppliedOnce() throws Exception {
        RedisServerConfig aof = RedisServerConfig.defaults(work)
                .withExtraArgs("--appendonly", "yes", "--appendfsync", "everysec");
        try (RedisServerProcess redisServer = RedisServerProcess.start(aof)) {
            String redisUrl = redisServer.endpoint().uri().toString();
            // No log-shipper: this drill counts results, not events.
            try (WholeStack started = new WholeStack(work, redisUrl, "http://127.0.0.1:9").startServers(MAX_MATCH);
                 UnifiedJedis redis = RedisConnector.open(RedisAddress.parse(redisUrl), "drill", Duration.ofSeconds(5))) {
                DrillLedger ledger = new DrillLedger(redis);
                CompletableFuture<Integer> swarm = DrillSwarm.start(started, work.resolve("report"), "crash", 31, "45s");
                await().atMost(Duration.ofSeconds(90)).until(() -> ledger.applied() >= 2);

                Crash crash = crashRightAfterTheNextResult(redisServer, redis);
                DrillReport.line("redis-crash: kill -9 %d ms after results %s were written; %d bytes of the "
                        + "append-only file cut (the unsynced tail)", crash.killedAfterMs, crash.lostMatches,
                        crash.cutBytes);
                assertThat(crash.cutTail).as("the cut tail holds the results' XADDs")
                        .contains(EventStreams.RESULTS).contains(crash.lostMatches);
                redisServer.start();
                long startedNs = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> redis.ping() != null);
                assertThat(matchIds(redis)).as("results in the stream after the restart")
                        .doesNotContainAnyElementsOf(crash.lostMatches);

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> crash.lostMatches.stream().allMatch(m -> redis.exists(RankingKeys.applied(m))));
                DrillReport.line("redis-crash: lost results written again and applied %d ms after Redis started",
                        DrillReport.ms(System.nanoTime() - startedNs));

                int exit = swarm.get(4, TimeUnit.MINUTES);
                assertThat(exit).as("swarm exit status").isIn(0, 1);
                String gameMetrics = started.metricsEndpoints().get("game-server");
                DrillLedger.Count results = ledger.results(List.of(gameMetrics));
                double resent = ledger.scrape(gameMetrics, "game_results_resent_total");
                DrillReport.line("redis-crash count: %s; re-sent by the game server %.0f", results, resent);
                assertThat(resent).as("results re-sent").isGreaterThanOrEqualTo(crash.lostMatches.size());
                // Each acknowledged append is in the stream, except the ones the crash took, which were appended again.
                assertThat(results.inStream()).as("%s", results)
                        .isGreaterThanOrEqualTo(results.acknowledged() - (long) resent);
                assertThat(results.missing()).as("results never applied").isZero();
                assertThat(results.duplicated()).as("results applied twice").isZero();
                assertThat(matchIds(redis)).containsAll(crash.lostMatches);
            }
        }
    }

    /** What the crash took. */
    private record Crash(List<String> lostMatches, long killedAfterMs, long cutBytes, String cutTail) {
    }

    /**
     * Watches the results stream and the append-only file; as soon as a result appears, kills
     * Redis and cuts the file back to its length before that result was written.
     */
    private Crash crashRightAfterTheNextResult(RedisServerProcess redisServer, UnifiedJedis redis) throws IOException {
        Path aof = lastIncrementalAof(redisServer.dir());
        long sizeBefore = Files.size(aof);
        long lengthBefore = redis.xlen(EventStreams.RESULTS);
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadlineNs) {
            // The size first: a result not yet in the stream when its length was read came after it.
            long size = Files.size(aof);
            long length = redis.xlen(EventStreams.RESULTS);
            if (length > lengthBefore) {
                long seenNs = System.nanoTime();
                List<String> lost = new ArrayList<>();
                for (StreamEntry entry : redis.xrevrange(EventStreams.RESULTS, (StreamEntryID) null, null,
                        (int) (length - lengthBefore))) {
                    lost.add(entry.getFields().get(EventStreams.FIELD_ID));
                }
                redisServer.kill();
                long killedAfterMs = DrillReport.ms(System.nanoTime() - seenNs);
                String tail = cutTo(aof, sizeBefore);
                return new Crash(lost, killedAfterMs, tail.length(), tail);
            }
            sizeBefore = size;
            lengthBefore = length;
        }
        throw new AssertionError("no result written within 60 s");
    }

    /** Redis 7's multi-part append-only file: the incremental part being written now. */
    private static Path lastIncrementalAof(Path redisDir) throws IOException {
        try (Stream<Path> files = Files.list(redisDir.resolve("appendonlydir"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".incr.aof"))
                    .max(Comparator.comparingLong(p -> sequence(p.getFileName().toString())))
                    .orElseThrow(() -> new AssertionError("no incremental append-only file in " + redisDir));
        }
    }

    private static long sequence(String name) {
        String withoutSuffix = name.substring(0, name.length() - ".incr.aof".length());
        return Long.parseLong(withoutSuffix.substring(withoutSuffix.lastIndexOf('.') + 1));
    }

    /** Truncates the file to {@code length} and returns what was cut. */
    private static String cutTo(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer tail = ByteBuffer.allocate((int) (channel.size() - length));
            channel.read(tail, length);
            channel.truncate(length);
            return new String(tail.array(), StandardCharsets.ISO_8859_1);
        }
    }

    private static List<String> matchIds(UnifiedJedis redis) {
        List<String> ids = new ArrayList<>();
        for (StreamEntry entry : redis.xrange(EventStreams.RESULTS, (StreamEntryID) null, null)) {
            ids.add(entry.getFields().get(EventStreams.FIELD_ID));
        }
        return ids;
    }
}
