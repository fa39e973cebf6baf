package io.skirmish.ranking.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.protocol.ranking.v1.Top;
import io.skirmish.ranking.RankingServerMain;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.ChildService;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The query port of a real ranking-server started without --dev: TLS with its certificate, and nothing else. */
@RedisTest(flushEachTest = true)
@Timeout(180)
class RankingTlsIT {

    @TempDir
    Path workDir;

    @Test
    void answersOverTls13AndClosesAPlaintextClientUnanswered(RedisEndpoint redis) throws Exception {
        TestCertificates certificates = TestCertificates.create(workDir.resolve("tls"));
        int port = FreePorts.next();
        try (ChildService server = new ChildService(workDir, "ranking-server", RankingServerMain.class.getName(),
                "--redis-url=" + redis.uri(), "--port=" + port, "--instance-id=tls-it", "--season=it-s1",
                "--tls-cert=" + certificates.certificate(), "--tls-key=" + certificates.privateKey()).start()) {
            try (SSLSocket tls = certificates.connect("127.0.0.1", port)) {
                assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
                DataOutputStream out = new DataOutputStream(tls.getOutputStream());
                byte[] top = ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(1)
                        .setTop(Top.newBuilder().setBoard(RankingClient.season("duel", "it-s1")).setCount(5)).build()
                        .toByteArray();
                out.writeInt(top.length);
                out.write(top);
                out.flush();
                DataInputStream in = new DataInputStream(tls.getInputStream());
                byte[] reply = new byte[in.readInt()];
                in.readFully(reply);
                assertThat(ServerMessage.parseFrom(reply).hasPage()).isTrue();
            }
            try (RankingClient plaintext = new RankingClient("127.0.0.1", port)) {
                assertThatThrownBy(() -> plaintext.top(RankingClient.season("duel", "it-s1"), 5, 0))
                        .as("a plaintext query gets no answer, the connection is closed")
                        .isInstanceOf(IOException.class);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    server.metric("ranking_net_connections_closed_total", "reason=\"tls_handshake\"") >= 1);
        }
    }
}
