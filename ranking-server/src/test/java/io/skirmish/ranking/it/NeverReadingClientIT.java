package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.Top;
import io.skirmish.ranking.RankingServerMain;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ChildService;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that pipelines 1,000,000 Top queries on one connection and never reads a reply, against
 * a real ranking-server process (256 MB heap): the server stops reading it once its replies pile
 * up, its live heap stays flat, and another client's queries are answered meanwhile.
 */
@RedisTest(flushEachTest = true)
@Timeout(300)
class NeverReadingClientIT {

    private static final int QUERIES = 1_000_000;

    @TempDir
    Path workDir;

    @Test
    void aClientThatNeverReadsIsNotReadEitherAndOthersAreServed(RedisEndpoint redis) throws Exception {
        int port = FreePorts.next();
        try (ChildService server = new ChildService(workDir, "ranking-server", RankingServerMain.class.getName(),
                "--dev", "--redis-url=" + redis.uri(), "--port=" + port, "--instance-id=never-reads-it",
                "--season=it-s1").start();
             RankingClient other = new RankingClient("127.0.0.1", port);
             Socket attacker = new Socket("127.0.0.1", port)) {
            assertThat(other.top(RankingClient.season("duel", "it-s1"), 10, 0).hasPage()).isTrue();
            long heapBeforeBytes = server.liveHeapBytes();

            Flood flood = new Flood(attacker.getOutputStream(), frame());
            Thread writer = new Thread(flood, "top-flood");
            writer.start();
            await().atMost(200, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(2)).until(new Stalled(flood));
            for (int i = 0; i < 20; i++) {
                assertThat(other.top(RankingClient.season("duel", "it-s1"), 10, 0).hasPage())
                        .as("the other client's query %d", i).isTrue();
            }
            long heapDuringBytes = server.liveHeapBytes();
            double answered = server.metric("ranking_query_duration_seconds_count", "");
            System.out.printf("never-reading ranking client: wrote %,d of %,d Top queries (%,d bytes)%s; server "
                            + "answered %,.0f queries in all; live heap %,d -> %,d bytes; paused=%s closed(write_limit)=%s%n",
                    flood.written.get(), QUERIES, flood.written.get() * flood.frame.length,
                    flood.failed ? " before the server closed it" : " before the server stopped reading it", answered,
                    heapBeforeBytes, heapDuringBytes, server.metric("ranking_net_connections_paused_total", ""),
                    server.metric("ranking_net_connections_closed_total", "reason=\"write_limit\""));
            assertThat(flood.written.get()).as("queries the server let in").isLessThan(QUERIES);
            assertThat(heapDuringBytes - heapBeforeBytes).as("live heap growth").isLessThan(32L << 20);
            assertThat(server.metric("ranking_net_connections_paused_total", "")).isPositive();
            attacker.close();
            writer.join(10_000);
        }
    }

    private static byte[] frame() {
        byte[] body = ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(1)
                .setTop(Top.newBuilder().setBoard(RankingClient.season("duel", "it-s1")).setCount(10)).build()
                .toByteArray();
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        return frame;
    }

    /** Writes the queries in batches of 1,000 and never reads; stops at the first failed write. */
    private static final class Flood implements Runnable {
        final AtomicLong written = new AtomicLong();
        final byte[] frame;
        private final OutputStream out;
        volatile boolean failed;
        volatile boolean done;

        Flood(OutputStream out, byte[] frame) {
            this.out = out;
            this.frame = frame;
        }

        @Override
        public void run() {
            int batch = 1_000;
            byte[] frames = new byte[batch * frame.length];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(frame, 0, frames, i * frame.length, frame.length);
            }
            try {
                while (written.get() < QUERIES) {
                    out.write(frames);
                    written.addAndGet(batch);
                }
            } catch (IOException e) {
                failed = true;
            } finally {
                done = true;
            }
        }
    }

    /** True once the flood ended or has not moved since the previous call (polled every 2 s). */
    private static final class Stalled implements Callable<Boolean> {
        private final Flood flood;
        private long previous = -1;

        Stalled(Flood flood) {
            this.flood = flood;
        }

        @Override
        public Boolean call() {
            long now = flood.written.get();
            boolean stalled = flood.done || now == previous;
            previous = now;
            return stalled;
        }
    }
}
