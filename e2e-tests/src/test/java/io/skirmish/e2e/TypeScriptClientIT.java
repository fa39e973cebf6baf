package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.skirmish.client.ClientTls;
import io.skirmish.client.GameClient;
import io.skirmish.client.GameSession;
import io.skirmish.client.MatchConnection;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.tls.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second client, written in TypeScript from docs/protocol.md and the test vectors alone
 * ({@code clients/typescript}), against the real servers as separate processes: it checks
 * itself against the vectors ({@code npm test}), then logs in, queues for a duel, plays it over
 * encrypted UDP against the Java reference client, and reads the rating board its result lands on.
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TypeScriptClientIT {

    private static final Path CLIENT = Path.of("..", "clients", "typescript").toAbsolutePath().normalize();
    private static final Duration MATCH_TIME = Duration.ofSeconds(12);

    @TempDir
    Path work;

    /** Installs the client's dependencies and runs its own tests (vectors, framing, deltas) once. */
    @BeforeAll
    static void buildAndTestTheClient(@TempDir Path logs) throws Exception {
        requireNode();
        run(logs, Duration.ofMinutes(3), "npm", "ci", "--no-audit", "--no-fund");
        String clientTests = run(logs, Duration.ofMinutes(2), "npm", "test");
        assertThat(clientTests).contains("# fail 0");
        assertThat(Integer.parseInt(field(clientTests, "# pass (\\d+)"))).isGreaterThanOrEqualTo(9);
    }

    @Test
    void playsADuelAgainstAJavaBotAndReadsTheBoard(RedisEndpoint redis) throws Exception {
        try (WholeStack stack = new WholeStack(work, redis.uri().toString(), null).startServers(MATCH_TIME);
             JavaOpponent opponent = new JavaOpponent(stack.matchPort, ClientTls.plaintext())) {
            String output = run(work, Duration.ofMinutes(3), "node", "dist/src/play.js",
                    "--match=127.0.0.1:" + stack.matchPort, "--ranking=127.0.0.1:" + stack.rankingPort,
                    "--device-id=ts-device-1", "--device-secret-file=" + work.resolve("device-secret"),
                    "--mode=duel", "--region=local", "--seconds=5", "--until-match-end",
                    "--board=duel", "--timeout=150");
            System.out.println("TypeScript client:\n" + output);

            // A device's first login: a new account whose secret the client keeps.
            assertThat(output).contains("login=device new_account=true", "queued state=QUEUE_STATE_SEARCHING",
                    "welcome connection=", "match end reason=", "done");
            assertThat(field(output, "logged in player=(\\S+)")).startsWith("d-");
            assertThat(Files.readString(work.resolve("device-secret"))).matches("[0-9a-f]{64}");
            assertThat(field(output, "match found match=(\\S+)")).isEqualTo(opponent.matchId());
            assertThat(Long.parseLong(field(output, "snapshots decrypted=(\\d+)"))).isGreaterThan(30);
            assertThat(Long.parseLong(field(output, "entities_visible=(\\d+)"))).isPositive();
            assertThat(Long.parseLong(field(output, "input acked sequence=(\\d+)"))).isPositive();
            assertThat(output).containsPattern("board read board=duel period=PERIOD_SEASON period_key=\\S+ entries=[1-9]");
            assertThat(output).contains("found=true");
            assertThat(opponent.snapshots()).isPositive();
        }
    }

    /** The same client over TLS, as every TCP port of a production server speaks it. */
    @Test
    void speaksTlsToServersThatHaveACertificate(RedisEndpoint redis) throws Exception {
        TestCertificates tls = TestCertificates.create(work.resolve("tls"));
        String[] tlsArgs = {"--tls-cert=" + tls.certificate(), "--tls-key=" + tls.privateKey()};
        WholeStack servers = new WholeStack(work, redis.uri().toString(), null).withArgs("game-server", tlsArgs)
                .withArgs("match-server", tlsArgs).withArgs("ranking-server", tlsArgs);
        try (WholeStack stack = servers.startServers(MATCH_TIME);
             JavaOpponent opponent = new JavaOpponent(stack.matchPort, ClientTls.trusting(tls.certificate()))) {
            String output = run(work, Duration.ofMinutes(3), "node", "dist/src/play.js",
                    "--match=localhost:" + stack.matchPort, "--ranking=localhost:" + stack.rankingPort,
                    "--tls-trust=" + tls.certificate(), "--device-id=ts-device-tls", "--mode=duel", "--region=local",
                    "--seconds=3", "--board=duel", "--timeout=120");
            System.out.println("TypeScript client over TLS:\n" + output);

            assertThat(output).contains("login=device new_account=true transport=tls", "welcome connection=",
                    "board read board=duel", "done");
            assertThat(field(output, "match found match=(\\S+)")).isEqualTo(opponent.matchId());
            assertThat(Long.parseLong(field(output, "snapshots decrypted=(\\d+)"))).isGreaterThan(30);
            assertThat(Long.parseLong(field(output, "input acked sequence=(\\d+)"))).isPositive();
        }
    }

    private static String field(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        assertThat(matcher.find()).as("output has /%s/:%n%s", regex, output).isTrue();
        return matcher.group(1);
    }

    private static void requireNode() {
        for (String tool : List.of("node", "npm")) {
            try {
                Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    continue;
                }
            } catch (IOException | InterruptedException e) {
                // reported below
            }
            fail("TypeScriptClientIT needs " + tool + " (Node.js 18 or newer with npm) on the PATH: "
                    + "apt-get install -y nodejs npm");
        }
    }

    /** Runs a command in clients/typescript; returns its output, fails on a non-zero exit. */
    private static String run(Path logs, Duration timeout, String... command) throws Exception {
        Path log = Files.createTempFile(logs, "node-", ".log");
        Process process = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeout + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as("%s exited with:%n%s", String.join(" ", command), output).isZero();
        return output;
    }

    /**
     * The Java reference client as the other duellist: queues at once, connects when matched and
     * walks to the right at the tick rate until the match ends.
     */
    private static final class JavaOpponent implements AutoCloseable {
        private final GameClient client;
        private final ScheduledExecutorService inputs = Executors.newSingleThreadScheduledExecutor();
        private final CompletableFuture<MatchFound> found = new CompletableFuture<>();
        private final MatchConnection match;
        private volatile GameSession session;

        JavaOpponent(int matchPort, ClientTls tls) throws Exception {
            client = new GameClient(1, tls);
            match = MatchConnection.connect(client.group(), client.transport(), tls, "localhost", matchPort)
                    .get(10, TimeUnit.SECONDS);
            match.onPush(message -> {
                if (message.hasMatchFound()) {
                    found.complete(message.getMatchFound());
                }
            });
            ServerMessage login = match.login("java-bot", "1.0.0").get(10, TimeUnit.SECONDS);
            match.join(login.getLoginOk().getSessionToken(), GameMode.GAME_MODE_DUEL, "local", List.of())
                    .get(10, TimeUnit.SECONDS);
            found.thenCompose(f -> GameSession.connect(client, f.getHost(), f.getTcpPort(), f.getUdpPort(),
                    f.getConnectToken().toByteArray())).thenAccept(connected -> {
                        session = connected;
                        inputs.scheduleAtFixedRate(() -> connected.sendInput(0.5, 0, 0, false), 0, 33,
                                TimeUnit.MILLISECONDS);
                    });
        }

        String matchId() throws Exception {
            return found.get(10, TimeUnit.SECONDS).getMatchId();
        }

        long snapshots() {
            GameSession current = session;
            return current == null ? 0 : current.snapshotsReceived();
        }

        @Override
        public void close() {
            inputs.shutdownNow();
            if (session != null) {
                session.close();
            }
            match.close();
            client.close();
        }
    }
}
