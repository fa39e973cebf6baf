package io.skirmish.match.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.skirmish.match.MatchServerMain;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ChildService;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection floods against a real match-server process: thousands of connections from one
 * address that never log in and Ping instead, and a connection that says nothing at all.
 */
@RedisTest(flushEachTest = true)
@Timeout(240)
class MatchServerAttackIT {

    private static final int PER_ADDRESS = 64;
    private static final int ATTACKERS = 2_000;

    @TempDir
    Path workDir;

    @Test
    void twoThousandPingingConnectionsFromOneAddressAreCappedAndNeverAnsweredBeforeLogin(RedisEndpoint redis)
            throws Exception {
        int port = FreePorts.next();
        try (ChildService server = new ChildService(workDir, "match-server", MatchServerMain.class.getName(),
                "--dev", "--login=trusted", "--redis-url=" + redis.uri(), "--client-port=" + port, "--instance-id=attack-it",
                "--max-connections-per-address=" + PER_ADDRESS, "--login-timeout=5s").start()) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(100);
                    sockets.add(socket);
                }
                // Every connection Pings; none gets a Pong (the cap closed most at accept, the
                // others get UNAUTHENTICATED and are closed).
                int pongs = 0;
                int unauthenticated = 0;
                for (Socket socket : sockets) {
                    try {
                        ping(socket);
                    } catch (IOException closedAlready) {
                        continue;
                    }
                }
                for (Socket socket : sockets) {
                    ServerMessage reply = readOrNull(socket);
                    if (reply != null && reply.hasPong()) {
                        pongs++;
                    } else if (reply != null && reply.getError().getCode() == ErrorCode.ERROR_CODE_UNAUTHENTICATED) {
                        unauthenticated++;
                    }
                }
                double refusedAtAccept = server.metric("match_net_connections_closed_total", "reason=\"address_cap\"");
                System.out.printf("2,000 pinging connections from 127.0.0.1: %,.0f closed at accept (address cap %d), "
                        + "%d answered UNAUTHENTICATED and closed, %d Pongs%n", refusedAtAccept, PER_ADDRESS,
                        unauthenticated, pongs);
                assertThat(pongs).isZero();
                assertThat(unauthenticated).isLessThanOrEqualTo(PER_ADDRESS);
                assertThat(refusedAtAccept).isGreaterThanOrEqualTo(ATTACKERS - PER_ADDRESS - unauthenticated);

                // Another address is not affected by this one's cap, and logs in.
                try (Socket other = new Socket("127.0.0.1", port, InetAddress.getByName("127.0.0.2"), 0)) {
                    other.setSoTimeout(10_000);
                    write(other, ClientMessage.newBuilder().setLogin(Login.newBuilder().setPlayerId("bystander")
                            .setClientVersion("1.0.0")));
                    assertThat(read(other).hasLoginOk()).isTrue();
                }
                // Every attacking connection is gone (refused, or closed after its Ping or at the deadline).
                await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                        .until(() -> server.metric("match_net_connections_open", "") == 0);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aConnectionThatNeverLogsInIsClosedAtTheDeadlineWhateverItSends(RedisEndpoint redis) throws Exception {
        int port = FreePorts.next();
        try (ChildService server = new ChildService(workDir, "match-server", MatchServerMain.class.getName(),
                "--dev", "--login=trusted", "--redis-url=" + redis.uri(), "--client-port=" + port, "--instance-id=deadline-it",
                "--login-timeout=2s").start();
             Socket silent = new Socket("127.0.0.1", port)) {
            silent.setSoTimeout(20_000);
            ServerMessage last = read(silent);
            assertThat(last.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_IDLE_TIMEOUT);
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
            assertThat(server.metric("match_net_connections_closed_total", "reason=\"handshake_deadline\""))
                    .isEqualTo(1);
        }
    }

    private static void ping(Socket socket) throws IOException {
        write(socket, ClientMessage.newBuilder().setPing(Ping.newBuilder().setClientTimeMs(1)));
    }

    private static void write(Socket socket, ClientMessage.Builder message) throws IOException {
        byte[] body = message.setVersion(ProtocolVersion.CURRENT).setRequestId(1).build().toByteArray();
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    private static ServerMessage read(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return ServerMessage.parseFrom(body);
    }

    /** The next message, or null when the connection was closed (or nothing came within the timeout). */
    private static ServerMessage readOrNull(Socket socket) {
        try {
            return read(socket);
        } catch (SocketTimeoutException | SocketException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
