package io.skirmish.match.it;

import com.google.protobuf.ByteString;
import io.skirmish.match.MatchServerMain;
import io.skirmish.match.auth.IdTokenIssuer;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.process.JavaServiceProcess;
import io.skirmish.testkit.process.JavaServiceSpec;
import io.skirmish.testkit.tls.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attacks on login and parties against real match-server processes started as in production:
 * key files, {@code --login=device,token}, no {@code --dev}. Two instances share one Redis, so a
 * second login and party pushes cross instances; a third has the default per-address login limit
 * and one-second party invites.
 */
@RedisTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginAttackIT {

    private static final String REGION = "it";
    private static final List<JavaServiceProcess> STARTED = new ArrayList<>();
    private static IdTokenIssuer identity;
    private static int first;
    private static int second;
    private static int limited;
    private static URI redisUri;
    private static TestCertificates tls;

    @BeforeAll
    static void start(RedisEndpoint redis, @TempDir Path dir) throws Exception {
        redisUri = redis.uri();
        identity = new IdTokenIssuer();
        Path jwks = identity.writeJwks(dir.resolve("jwks.json"));
        Path session = Files.writeString(dir.resolve("session.keys"), "1:" + secret(1) + "\n");
        Path connect = Files.writeString(dir.resolve("connect.keys"), "1:" + secret(2) + "\n");
        // Production settings: no --dev, so the client port is TLS too.
        tls = TestCertificates.create(dir.resolve("tls"));
        List<String> common = List.of("--redis-url=" + redis.uri(), "--regions=" + REGION, "--login=device,token",
                "--tls-cert=" + tls.certificate(), "--tls-key=" + tls.privateKey(),
                "--session-keys=" + session, "--connect-keys=" + connect, "--id-token-jwks=" + jwks,
                "--id-token-issuer=" + IdTokenIssuer.ISSUER, "--id-token-audience=" + IdTokenIssuer.AUDIENCE);
        first = start(dir, "login-a", common, "--login-limit-address=off");
        second = start(dir, "login-b", common, "--login-limit-address=off");
        limited = start(dir, "login-limited", common, "--party-invite-ttl=1s");
    }

    private static int start(Path dir, String name, List<String> common, String... extra) {
        int port = FreePorts.next();
        int ops = FreePorts.next();
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("--instance-id=" + name, "--client-port=" + port, "--ops-port=" + ops));
        args.addAll(List.of(extra));
        JavaServiceProcess process = new JavaServiceProcess(JavaServiceSpec.onThisClasspath(name,
                        MatchServerMain.class.getName(), URI.create("http://127.0.0.1:" + ops + "/ready"),
                        args.toArray(String[]::new))
                .withJvmOptions("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .withTimeouts(Duration.ofSeconds(90), Duration.ofSeconds(15)), dir);
        process.start();
        STARTED.add(process);
        return port;
    }

    private static MatchClient client(int port) throws InterruptedException {
        return MatchClient.connect(port, tls.certificate());
    }

    @AfterAll
    static void stop() {
        STARTED.forEach(JavaServiceProcess::stop);
    }

    private static String secret(int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static ServerMessage reply(CompletableFuture<ServerMessage> reply) throws Exception {
        return reply.get(20, TimeUnit.SECONDS);
    }

    private static ErrorCode code(CompletableFuture<ServerMessage> reply) throws Exception {
        return reply(reply).getError().getCode();
    }

    @Test
    void impersonationAtLoginIsRefused() throws Exception {
        String device = UUID.randomUUID().toString();
        try (MatchClient owner = client(first); MatchClient attacker = client(second)) {
            ServerMessage created = reply(owner.loginDevice(device, ByteString.EMPTY));
            ByteString secret = created.getLoginOk().getDeviceSecret();
            assertThat(secret.size()).isEqualTo(32);
            String player = created.getLoginOk().getPlayerId();

            // Knowing the device id is not enough: registering again, a wrong or truncated secret.
            assertThat(code(attacker.loginDevice(device, ByteString.EMPTY))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            byte[] wrong = secret.toByteArray();
            wrong[0] ^= 1;
            assertThat(code(attacker.loginDevice(device, ByteString.copyFrom(wrong))))
                    .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            assertThat(code(attacker.loginDevice(device, secret.substring(0, 16))))
                    .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            // Knowing the player id is not enough: trusted login is off without --dev.
            assertThat(code(attacker.login(player))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            // The owner's session token is useless on another connection.
            ByteString stolen = created.getLoginOk().getSessionToken();
            assertThat(code(attacker.join(stolen, GameMode.GAME_MODE_DUEL, REGION)))
                    .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            assertThat(code(attacker.status(stolen))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);

            // None of it disturbed the owner: no push, still acting.
            assertThat(owner.pushes).isEmpty();
            assertThat(reply(owner.join(stolen, GameMode.GAME_MODE_DUEL, REGION)).getQueueUpdate().getState())
                    .isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
            // And the owner can come back with the secret.
            try (MatchClient again = client(first)) {
                ServerMessage back = reply(again.loginDevice(device, secret));
                assertThat(back.getLoginOk().getPlayerId()).isEqualTo(player);
                assertThat(back.getLoginOk().getDeviceSecret().isEmpty()).as("the secret is shown once").isTrue();
            }
        }
    }

    @Test
    void aSecondLoginReplacesTheFirstOnAnotherInstanceAndOnTheSame() throws Exception {
        String device = UUID.randomUUID().toString();
        try (MatchClient earlier = client(first); MatchClient later = client(second);
             MatchClient latest = client(second)) {
            ServerMessage created = reply(earlier.loginDevice(device, ByteString.EMPTY));
            ByteString secret = created.getLoginOk().getDeviceSecret();
            String player = created.getLoginOk().getPlayerId();
            ByteString earlierSession = created.getLoginOk().getSessionToken();
            assertThat(reply(earlier.join(earlierSession, GameMode.GAME_MODE_DUEL, REGION)).hasQueueUpdate()).isTrue();
            // Presence entries are written in batches: wait until the first instance announced the player.
            await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(() ->
                    presenceOf(player) != null);

            ServerMessage second = reply(later.loginDevice(device, secret));
            ByteString laterSession = second.getLoginOk().getSessionToken();
            await().atMost(10, TimeUnit.SECONDS).until(() -> earlier.closed.isDone());
            assertThat(earlier.pushes).anySatisfy(push -> {
                assertThat(push.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_SESSION_REPLACED);
                assertThat(push.getPlayerId()).isEqualTo(player);
            });
            // The ticket survived the replacement: the new session sees it.
            assertThat(reply(later.status(laterSession)).getQueueUpdate().getState())
                    .isEqualTo(QueueState.QUEUE_STATE_SEARCHING);

            reply(latest.loginDevice(device, secret));
            await().atMost(10, TimeUnit.SECONDS).until(() -> later.closed.isDone());
            assertThat(later.pushes).extracting(push -> push.getError().getCode())
                    .contains(ErrorCode.ERROR_CODE_SESSION_REPLACED);
        }
    }

    private static String presenceOf(String player) {
        try (var jedis = new redis.clients.jedis.Jedis(redisUri)) {
            return jedis.get(io.skirmish.match.queue.MatchKeys.presence(player));
        }
    }

    @Test
    void forgedExpiredWrongAudienceAndWrongIssuerIdTokensAreRefused() throws Exception {
        long now = System.currentTimeMillis();
        try (MatchClient client = client(first)) {
            Map<String, String> attacks = Map.of(
                    "forged RS256", IdTokenIssuer.forgedRs256(IdTokenIssuer.claims("alice", now).build()),
                    "forged EdDSA", identity.forgedEdDsa(IdTokenIssuer.claims("alice", now).build()),
                    "HS256 keyed with the public key", identity.hs256WithPublicKey(IdTokenIssuer.claims("alice", now).build()),
                    "alg none", IdTokenIssuer.unsigned(IdTokenIssuer.claims("alice", now).build()),
                    "expired", identity.es256(IdTokenIssuer.claims("alice", now)
                            .expirationTime(new Date(now - 120_000)).build()),
                    "wrong audience", identity.es256(IdTokenIssuer.claims("alice", now).audience("other-game").build()),
                    "wrong issuer", identity.rs256(IdTokenIssuer.claims("alice", now).issuer("https://evil.test").build()));
            attacks.forEach((name, token) -> {
                try {
                    ServerMessage reply = reply(client.loginToken(token));
                    assertThat(reply.getError().getCode()).as(name).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
                } catch (Exception e) {
                    throw new AssertionError(name, e);
                }
            });
            for (String token : List.of(identity.rs256(IdTokenIssuer.claims("alice", now).build()),
                    identity.es256(IdTokenIssuer.claims("alice", now).build()),
                    identity.edDsa(IdTokenIssuer.claims("alice", now).build()))) {
                assertThat(reply(client.loginToken(token)).getLoginOk().getPlayerId()).isEqualTo("alice");
            }
        }
    }

    /** Logs a fresh device in on {@code client}; returns {player id, session token}. */
    private static Object[] newPlayer(MatchClient client) throws Exception {
        ServerMessage ok = reply(client.loginDevice(UUID.randomUUID().toString(), ByteString.EMPTY));
        return new Object[] {ok.getLoginOk().getPlayerId(), ok.getLoginOk().getSessionToken()};
    }

    @Test
    void aPartyWithoutConsentIsRefusedAndOneWithConsentQueuesTogether() throws Exception {
        try (MatchClient leaderConn = client(first); MatchClient victimConn = client(second);
             MatchClient strangerConn = client(second)) {
            Object[] leader = newPlayer(leaderConn);
            Object[] victim = newPlayer(victimConn);
            Object[] stranger = newPlayer(strangerConn);
            ByteString leaderSession = (ByteString) leader[1];
            ByteString victimSession = (ByteString) victim[1];
            String victimId = (String) victim[0];

            // Naming players is not consent: refused, and the named player is untouched.
            assertThat(code(leaderConn.join(leaderSession, GameMode.GAME_MODE_SQUAD, REGION, victimId, "never-seen")))
                    .isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);
            assertThat(code(victimConn.status(victimSession))).isEqualTo(ErrorCode.ERROR_CODE_NOT_QUEUED);

            String partyId = reply(leaderConn.createParty(leaderSession)).getPartyUpdate().getPartyId();
            // A party nobody accepted cannot queue; an invite is not membership.
            assertThat(code(leaderConn.joinParty(leaderSession, GameMode.GAME_MODE_SQUAD, REGION, partyId)))
                    .isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);
            assertThat(reply(leaderConn.invite(leaderSession, victimId)).getPartyUpdate().getInvitedIdsList())
                    .containsExactly(victimId);
            assertThat(code(leaderConn.joinParty(leaderSession, GameMode.GAME_MODE_SQUAD, REGION, partyId)))
                    .isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);
            // Someone else cannot take the invite, nor queue a party that is not theirs.
            assertThat(code(strangerConn.accept((ByteString) stranger[1], partyId)))
                    .isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);
            assertThat(code(strangerConn.joinParty((ByteString) stranger[1], GameMode.GAME_MODE_SQUAD, REGION, partyId)))
                    .isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);

            // The invite reached the victim on the other instance; the victim accepts.
            await().atMost(10, TimeUnit.SECONDS).until(() -> victimConn.pushes.stream().anyMatch(ServerMessage::hasPartyInvite));
            assertThat(reply(victimConn.accept(victimSession, partyId)).getPartyUpdate().getMemberIdsList())
                    .containsExactly((String) leader[0], victimId);
            await().atMost(10, TimeUnit.SECONDS).until(() -> leaderConn.pushes.stream()
                    .anyMatch(push -> push.getPartyUpdate().getMemberIdsCount() == 2));
            // Only the leader queues the party.
            assertThat(code(victimConn.joinParty(victimSession, GameMode.GAME_MODE_SQUAD, REGION, partyId)))
                    .isEqualTo(ErrorCode.ERROR_CODE_INVALID_STATE);
            assertThat(reply(leaderConn.joinParty(leaderSession, GameMode.GAME_MODE_SQUAD, REGION, partyId))
                    .getQueueUpdate().getState()).isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
            assertThat(reply(victimConn.status(victimSession)).getQueueUpdate().getState())
                    .isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
        }
    }

    @Test
    void anExpiredOrKickedInviteIsNoConsent() throws Exception {
        try (MatchClient leaderConn = client(limited); MatchClient memberConn = client(limited)) {
            Object[] leader = newPlayer(leaderConn);
            Object[] member = newPlayer(memberConn);
            ByteString leaderSession = (ByteString) leader[1];
            String partyId = reply(leaderConn.createParty(leaderSession)).getPartyUpdate().getPartyId();
            reply(leaderConn.invite(leaderSession, (String) member[0]));
            // Invites here last one second.
            await().pollDelay(Duration.ofMillis(1_500)).atMost(10, TimeUnit.SECONDS).until(() -> true);
            assertThat(code(memberConn.accept((ByteString) member[1], partyId))).isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);

            reply(leaderConn.invite(leaderSession, (String) member[0]));
            reply(memberConn.accept((ByteString) member[1], partyId));
            assertThat(reply(leaderConn.kick(leaderSession, (String) member[0])).getPartyUpdate().getMemberIdsList())
                    .containsExactly((String) leader[0]);
            await().atMost(10, TimeUnit.SECONDS).until(() -> memberConn.pushes.stream()
                    .anyMatch(push -> push.hasPartyUpdate() && push.getPartyUpdate().getRemoved()));
            assertThat(code(leaderConn.joinParty(leaderSession, GameMode.GAME_MODE_SQUAD, REGION, partyId)))
                    .isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it drains this address's login budget on the limited instance
    void loginAttemptsFromOneAddressAreLimited() throws Exception {
        try (MatchClient client = client(limited)) {
            List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                replies.add(client.loginDevice(UUID.randomUUID().toString(), ByteString.EMPTY));
            }
            long refused = 0;
            for (CompletableFuture<ServerMessage> reply : replies) {
                ServerMessage message = reply(reply);
                if (message.hasError()) {
                    assertThat(message.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_RATE_LIMITED);
                    assertThat(message.getError().getRetryAfterMs()).isPositive();
                    refused++;
                }
            }
            // Burst 20 at 5/s: however slow this machine is, 40 at once cannot all pass.
            assertThat(refused).isPositive();
        }
    }
}
