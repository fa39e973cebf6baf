package io.skirmish.game.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.skirmish.client.ClientTls;
import io.skirmish.client.GameClient;
import io.skirmish.client.GameSession;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real game-server with a certificate: the reference client plays over TLS; a plaintext Connect is never read. */
@RedisTest(flushEachTest = true)
@Timeout(180)
class GameServerTlsIT {

    @TempDir
    Path workDir;

    @Test
    void theReferenceClientPlaysOverTlsAndAPlaintextConnectIsClosedUnanswered(RedisEndpoint redis) throws Exception {
        TestCertificates certificates = TestCertificates.create(workDir.resolve("tls"));
        try (ChildGameServer server = new ChildGameServer(workDir, redis, "gs-tls", "--dev",
                "--tls-cert=" + certificates.certificate(), "--tls-key=" + certificates.privateKey()).start();
             GameClient client = new GameClient(1, ClientTls.trusting(certificates.certificate()))) {
            server.allocateDuel("tls-duel", "tls-a", "tls-b");
            GameSession a = connectWhenHosted(client, server, server.token("tls-a", "tls-duel"));
            GameSession b = connectWhenHosted(client, server, server.token("tls-b", "tls-duel"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> a.snapshotsReceived() > 2 && b.snapshotsReceived() > 2);

            assertThatThrownBy(() -> RawGameClient.connect(server.tcpPort, server.udpPort,
                    server.token("tls-a", "tls-duel"), new byte[0])).isInstanceOf(IOException.class);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    server.metric("game_net_connections_closed_total", "reason=\"tls_handshake\"") >= 1);
            a.close();
            b.close();
        }
    }

    private static GameSession connectWhenHosted(GameClient client, ChildGameServer server, byte[] token) {
        return await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> GameSession.connect(client, "127.0.0.1", server.tcpPort, server.udpPort, token)
                        .get(10, TimeUnit.SECONDS), session -> session != null);
    }
}
