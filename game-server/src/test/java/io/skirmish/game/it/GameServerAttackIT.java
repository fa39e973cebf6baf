package io.skirmish.game.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on a real game-server process (two UDP threads, a 1 s UDP silence) over loopback: a
 * spoofed UDP source, a silent endpoint, one connection's packets from many sockets, a slot
 * resumed with the token alone, a Ping before Connect, and a client that never reads. Each test
 * says what was sent and checks what came back: nothing that the rules forbid.
 */
@RedisTest(flushEachTest = false)
@Timeout(240)
class GameServerAttackIT {

    private static final long SILENCE_MS = 1_000;

    @TempDir
    static Path workDir;

    private static ChildGameServer server;
    private static int matches;

    @BeforeAll
    static void start(RedisEndpoint redis) throws IOException {
        server = new ChildGameServer(workDir, redis, "gs-attack", "--dev", "--udp-threads=2",
                "--udp-silence=" + SILENCE_MS + "ms").start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAuthenticPacketFromASpoofedSourceGetsNothingSentToThatSource() throws Exception {
        Duel duel = duel();
        try (DatagramSocket spoofed = RawGameClient.udpOn("127.0.0.2")) {
            double foreignBefore = server.metric("game_net_packets_rejected_total", "reason=\"foreign_address\"");
            // Authentic packets (right key, fresh sequence) from an address that is not the TCP peer's.
            for (int i = 0; i < 20; i++) {
                duel.a.keepalive(spoofed);
            }
            assertThat(RawGameClient.datagramsOn(spoofed, 2_000)).as("datagrams sent to the spoofed source").isZero();
            assertThat(server.metric("game_net_packets_rejected_total", "reason=\"foreign_address\"") - foreignBefore)
                    .isEqualTo(20);

            // The real client's own address keeps its stream, and the spoofed one cannot take it over.
            assertThat(duel.a.snapshotsOn(duel.socketA, 500, 5_000)).isPositive();
            for (int i = 0; i < 20; i++) {
                duel.a.keepalive(spoofed);
            }
            assertThat(RawGameClient.datagramsOn(spoofed, 1_000)).isZero();
        } finally {
            duel.close();
        }
    }

    @Test
    void aSilentEndpointStopsGettingSnapshotsWithinTheSilenceAndOnlyTheResumeSecretTakesTheSlotBack() throws Exception {
        Duel duel = duel();
        try {
            DatagramSocket socket = duel.socketA;
            assertThat(duel.a.snapshotsOn(socket, 300, 5_000)).isPositive();

            duel.aSilent = true;
            duel.a.keepalive(socket);
            long lastSentNs = System.nanoTime();
            // Count what arrives once the silence (plus room for a tick and the loopback) is over.
            long quietFromNs = lastSentNs + TimeUnit.MILLISECONDS.toNanos(SILENCE_MS + 500);
            while (System.nanoTime() < quietFromNs) {
                RawGameClient.datagramsOn(socket, 50);
            }
            assertThat(RawGameClient.datagramsOn(socket, 3_000)).as("datagrams after the silence").isZero();
            assertThat(server.metric("game_net_snapshots_silenced_total", "")).isPositive();

            // The TCP side was closed with IDLE_TIMEOUT: the slot is in its reconnect grace.
            assertThat(readUntilError(duel.a).getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_IDLE_TIMEOUT);
            assertThat(server.metric("game_net_connections_silenced_total", "")).isPositive();

            // The token alone does not resume the slot; the secret from the Welcome does.
            byte[] token = duel.tokenA;
            String refusal = await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> refusalOf(token, new byte[0]), text -> !text.contains("ALREADY_CONNECTED"));
            assertThat(refusal).contains("ERROR_CODE_TOKEN_INVALID");
            try (RawGameClient back = RawGameClient.connect(server.tcpPort, server.udpPort, token,
                    duel.a.welcome.getResumeSecret().toByteArray())) {
                assertThat(back.welcome.getReconnected()).isTrue();
                assertThat(back.welcome.getResumeSecret()).isNotEqualTo(duel.a.welcome.getResumeSecret());
            }
        } finally {
            duel.close();
        }
    }

    @Test
    void oneConnectionsPacketsFromManySocketsAreAllAcceptedOnTwoUdpThreads() throws Exception {
        Duel duel = duel();
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                sockets.add(RawGameClient.udpOn("127.0.0.1"));
            }
            duel.aSilent = true; // from here on only the sockets below speak for player a
            double rejectedBefore = server.metric("game_net_packets_rejected_total", "");
            double forwardedBefore = server.metric("game_net_packets_forwarded_total", "");
            // The kernel spreads source ports over the two sockets of the port: some of these land on
            // the thread that is not the connection's receiver and must be handed to it.
            for (int round = 0; round < 4; round++) {
                for (DatagramSocket socket : sockets) {
                    duel.a.keepalive(socket);
                }
            }
            DatagramSocket newest = sockets.get(sockets.size() - 1);
            streamKeepalives(duel.a, newest, 5);

            assertThat(duel.a.snapshotsOn(newest, 300, 5_000)).as("snapshots at the newest endpoint").isPositive();
            assertThat(server.metric("game_net_packets_forwarded_total", "") - forwardedBefore).isPositive();
            assertThat(server.metric("game_net_packets_rejected_total", "") - rejectedBefore)
                    .as("no packet of the connection rejected (replay window used by one thread)").isZero();
            assertThat(server.metric("game_net_endpoint_changes_total", "")).isPositive();
        } finally {
            sockets.forEach(DatagramSocket::close);
            duel.close();
        }
    }

    @Test
    void aPingBeforeConnectIsNotAnswered() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.tcpPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(RawGameClient.pingFrame(1));
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            ServerMessage reply = ServerMessage.parseFrom(body);
            assertThat(reply.hasPong()).isFalse();
            assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            assertThat(in.read()).as("closed after the refusal").isEqualTo(-1);
        }
    }

    @Test
    void aClientThatNeverReadsCostsBoundedMemoryAndTheOtherPlayerIsStillServed() throws Exception {
        Duel duel = duel();
        try {
            long heapBeforeBytes = server.process.liveHeapBytes();
            PingFlood flood = new PingFlood(duel.a.output(), 1_000_000);
            Thread writer = new Thread(flood, "ping-flood");
            writer.start();
            // Until the flood stops making progress (the server stopped reading it) or it is over.
            await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(2))
                    .until(new Stalled(flood.written));
            // Meanwhile the other player is served on TCP and UDP.
            assertThat(duel.b.ping().hasPong()).isTrue();
            assertThat(duel.b.snapshotsOn(duel.socketB, 300, 5_000)).isPositive();

            long heapDuringBytes = server.process.liveHeapBytes();
            System.out.printf("never-reading game client: wrote %,d of 1,000,000 Pings (%,d bytes) before the "
                            + "server stopped reading it%s; server live heap %,d -> %,d bytes; paused=%s closed=%s%n",
                    flood.written.get(), flood.written.get() * flood.frameBytes, flood.failed ? " and closed it" : "",
                    heapBeforeBytes, heapDuringBytes, server.metric("game_net_connections_paused_total", ""),
                    server.metric("game_net_connections_closed_total", "reason=\"write_limit\""));
            assertThat(flood.written.get()).as("the server stopped reading the flood").isLessThan(1_000_000);
            assertThat(heapDuringBytes - heapBeforeBytes).as("live heap growth").isLessThan(32L << 20);
            assertThat(server.metric("game_net_connections_paused_total", "")).isPositive();
            duel.a.close();
            writer.join(10_000);
        } finally {
            duel.close();
        }
    }

    /** A started duel: both players connected (the match starts once both arrived). */
    private static Duel duel() throws Exception {
        String matchId = "attack-" + (++matches);
        Duel duel = new Duel(matchId, matchId + "-a", matchId + "-b");
        server.allocateDuel(matchId, duel.firstPlayer, duel.secondPlayer);
        duel.tokenA = server.token(duel.firstPlayer, matchId);
        duel.a = connectWhenHosted(duel.tokenA);
        duel.b = connectWhenHosted(server.token(duel.secondPlayer, matchId));
        duel.startKeepalives();
        return duel;
    }

    private static RawGameClient connectWhenHosted(byte[] token) {
        return await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> RawGameClient.connect(server.tcpPort, server.udpPort, token, new byte[0]),
                        client -> client != null);
    }

    private static String refusalOf(byte[] token, byte[] secret) throws Exception {
        try (RawGameClient client = RawGameClient.connect(server.tcpPort, server.udpPort, token, secret)) {
            return "welcomed";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static void streamKeepalives(RawGameClient client, DatagramSocket socket, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            client.keepalive(socket);
            Thread.onSpinWait();
        }
    }

    private static ServerMessage readUntilError(RawGameClient client) throws IOException {
        while (true) {
            ServerMessage message = client.read();
            if (message.hasError()) {
                return message;
            }
        }
    }

    /**
     * Two connected players, each announcing itself with a KEEPALIVE every 100 ms from its own
     * socket (as the reference client does), until a test silences one.
     */
    private static final class Duel {
        final String matchId;
        final String firstPlayer;
        final String secondPlayer;
        byte[] tokenA;
        RawGameClient a;
        RawGameClient b;
        DatagramSocket socketA;
        DatagramSocket socketB;
        volatile boolean aSilent;
        private volatile boolean closed;
        private Thread keepalives;

        Duel(String matchId, String firstPlayer, String secondPlayer) {
            this.matchId = matchId;
            this.firstPlayer = firstPlayer;
            this.secondPlayer = secondPlayer;
        }

        void startKeepalives() throws IOException {
            socketA = RawGameClient.udpOn("127.0.0.1");
            socketB = RawGameClient.udpOn("127.0.0.1");
            keepalives = new Thread(() -> {
                while (!closed) {
                    try {
                        if (!aSilent) {
                            a.keepalive(socketA);
                        }
                        b.keepalive(socketB);
                        Thread.sleep(100);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "keepalives");
            keepalives.setDaemon(true);
            keepalives.start();
        }

        void close() throws IOException {
            closed = true;
            for (AutoCloseable closeable : new AutoCloseable[] {a, b, socketA, socketB}) {
                try {
                    if (closeable != null) {
                        closeable.close();
                    }
                } catch (Exception e) {
                    // closing test sockets: nothing to do
                }
            }
        }
    }

    /** Writes Ping frames in batches and never reads; stops at the first failed write (closed). */
    private static final class PingFlood implements Runnable {
        final AtomicLong written = new AtomicLong();
        final int frameBytes = RawGameClient.pingFrame(7).length;
        private final OutputStream out;
        private final int total;
        volatile boolean failed;

        PingFlood(OutputStream out, int total) {
            this.out = out;
            this.total = total;
        }

        @Override
        public void run() {
            int batch = 1_000;
            byte[] frames = new byte[batch * frameBytes];
            byte[] one = RawGameClient.pingFrame(7);
            for (int i = 0; i < batch; i++) {
                System.arraycopy(one, 0, frames, i * frameBytes, frameBytes);
            }
            try {
                while (written.get() < total) {
                    out.write(frames);
                    written.addAndGet(batch);
                }
                out.flush();
            } catch (IOException e) {
                failed = true;
            }
        }
    }

    /** True once the counter has not moved since the previous call (polled every 2 s). */
    private static final class Stalled implements java.util.concurrent.Callable<Boolean> {
        private final AtomicLong counter;
        private long previous = -1;

        Stalled(AtomicLong counter) {
            this.counter = counter;
        }

        @Override
        public Boolean call() {
            long now = counter.get();
            boolean stalled = now == previous;
            previous = now;
            return stalled;
        }
    }
}
