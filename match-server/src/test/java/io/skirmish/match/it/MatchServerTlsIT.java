package io.skirmish.match.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import io.skirmish.match.MatchServerMain;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ChildService;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real match-server with a certificate: Login over TLS 1.3; a plaintext Login is never read. */
@RedisTest(flushEachTest = true)
@Timeout(180)
class MatchServerTlsIT {

    @TempDir
    Path workDir;

    @Test
    void logsInOverTls13AndClosesAPlaintextClientUnanswered(RedisEndpoint redis) throws Exception {
        TestCertificates certificates = TestCertificates.create(workDir.resolve("tls"));
        int port = FreePorts.next();
        // --dev only for the raw player-id login; the port is TLS because a certificate is configured.
        try (ChildService server = new ChildService(workDir, "match-server", MatchServerMain.class.getName(),
                "--dev", "--login=trusted", "--redis-url=" + redis.uri(), "--client-port=" + port, "--instance-id=tls-it",
                "--tls-cert=" + certificates.certificate(), "--tls-key=" + certificates.privateKey()).start()) {
            try (SSLSocket tls = certificates.connect("127.0.0.1", port)) {
                assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(login(tls).hasLoginOk()).isTrue();
            }
            try (Socket plaintext = new Socket("127.0.0.1", port)) {
                plaintext.setSoTimeout(10_000);
                send(plaintext, "mallory");
                assertThat(plaintext.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    server.metric("match_net_connections_closed_total", "reason=\"tls_handshake\"") >= 1);
        }
    }

    private static ServerMessage login(Socket socket) throws Exception {
        send(socket, "tls-player");
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] reply = new byte[in.readInt()];
        in.readFully(reply);
        return ServerMessage.parseFrom(reply);
    }

    private static void send(Socket socket, String playerId) throws Exception {
        byte[] body = ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(1)
                .setLogin(Login.newBuilder().setPlayerId(playerId).setClientVersion("1.0.0")).build().toByteArray();
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }
}
