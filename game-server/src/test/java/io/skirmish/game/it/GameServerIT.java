package io.skirmish.game.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.skirmish.client.EntityState;
import io.skirmish.client.GameRefused;
import io.skirmish.client.GameSession;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.game.world.MatchMode;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

@RedisTest(flushEachTest = true)
@Timeout(120)
class GameServerIT {

    private GameServerFixture fixture;

    @BeforeEach
    void start(RedisEndpoint redis) throws Exception {
        fixture = new GameServerFixture(redis, "gs-it", Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static void shootUntilMatchEnds(GameSession shooter) throws Exception {
        for (int i = 0; i < 300 && !shooter.matchEnd().isDone(); i++) {
            shooter.sendInput(0, 0, 0, true);
            Thread.sleep(33);
        }
    }

    @Test
    void playersConnectPlayADuelToTheEndAndTheResultAndEventsReachTheStreams() throws Exception {
        fixture.allocate("duel-1", MatchMode.DUEL, List.of("alice", "bob"));
        GameSession alice = fixture.connect(fixture.token("alice", "duel-1", MatchMode.DUEL));
        GameSession bob = fixture.connect(fixture.token("bob", "duel-1", MatchMode.DUEL));

        assertThat(alice.welcome().getMatch().getPlayersCount()).isEqualTo(2);
        assertThat(alice.welcome().getTickRateHz()).isEqualTo(30);
        // 30 m apart with a 20 m interest radius: each sees only itself until they close in.
        await().atMost(5, TimeUnit.SECONDS).until(() -> alice.entities().keySet().equals(java.util.Set.of(alice.entityId()))
                && bob.snapshotsReceived() > 3);

        shootUntilMatchEnds(alice);

        MatchResult result = alice.matchEnd().get(10, TimeUnit.SECONDS);
        assertThat(bob.matchEnd().get(10, TimeUnit.SECONDS)).isEqualTo(result);
        assertThat(result.getEndReason()).isEqualTo(EndReason.END_REASON_VICTORY);
        assertThat(result.getWinnerTeam()).isEqualTo(1);
        Map<String, Integer> placements = result.getPlayersList().stream()
                .collect(Collectors.toMap(p -> p.getPlayerId(), p -> p.getPlacement()));
        assertThat(placements).containsEntry("alice", 1).containsEntry("bob", 2);
        assertThat(result.getPlayers(0).getKills()).isEqualTo(1);

        List<StreamEntry> results = fixture.redis.xrange(EventStreams.RESULTS, (StreamEntryID) null, null);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).getFields()).containsEntry("id", "duel-1");
        List<String> types = fixture.redis.xrange(EventStreams.EVENTS, (StreamEntryID) null, null).stream()
                .map(entry -> entry.getFields().get("type")).toList();
        assertThat(types).contains("join", "match_start", "shot", "kill", "death", "match_end");
        List<String> ids = fixture.redis.xrange(EventStreams.EVENTS, (StreamEntryID) null, null).stream()
                .map(entry -> entry.getFields().get("id")).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.startsWith("duel-1:"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.server.directory().matchCount() == 0);
    }

    @Test
    void snapshotsFollowMovementAndAcknowledgeInputs() throws Exception {
        fixture.allocate("duel-2", MatchMode.DUEL, List.of("carol", "dave"));
        GameSession carol = fixture.connect(fixture.token("carol", "duel-2", MatchMode.DUEL));
        fixture.connect(fixture.token("dave", "duel-2", MatchMode.DUEL));
        await().atMost(5, TimeUnit.SECONDS).until(() -> carol.entities().containsKey(carol.entityId()));
        int startY = carol.entities().get(carol.entityId()).yCm();

        for (int i = 0; i < 30; i++) {
            carol.sendInput(0, 1, 0, false);
            Thread.sleep(33);
        }

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            EntityState me = carol.entities().get(carol.entityId());
            assertThat(me.yCm()).isGreaterThan(startY + 200);
        });
        assertThat(fixture.counter("game.net.inputs")).isPositive();
    }

    @Test
    void refusesForgedExpiredForeignAndReplayedTokens() throws Exception {
        fixture.allocate("duel-3", MatchMode.DUEL, List.of("erin", "frank"));
        byte[] good = fixture.token("erin", "duel-3", MatchMode.DUEL);

        byte[] forged = good.clone();
        forged[10] ^= 1;
        assertRefused(forged, "TOKEN_INVALID");

        ConnectTokenIssuer expiredIssuer = new ConnectTokenIssuer(GameServerFixture.KEYS,
                java.time.InstantSource.fixed(java.time.Instant.now().minusSeconds(3600)), Duration.ofMinutes(1),
                new java.security.SecureRandom());
        assertRefused(expiredIssuer.issue("erin", "duel-3", "gs-it", 0,
                io.skirmish.protocol.common.v1.GameMode.GAME_MODE_DUEL).bytes(), "TOKEN_EXPIRED");

        assertRefused(fixture.issuer.issue("erin", "duel-3", "another-server", 0,
                io.skirmish.protocol.common.v1.GameMode.GAME_MODE_DUEL).bytes(), "TOKEN_WRONG_SERVER");

        ConnectTokenIssuer otherKey = new ConnectTokenIssuer(
                TokenKeyRing.of(1, "a-different-secret-of-at-least-32-bytes!!".getBytes()), java.time.InstantSource.system(),
                Duration.ofMinutes(1), new java.security.SecureRandom());
        assertRefused(otherKey.issue("erin", "duel-3", "gs-it", 0,
                io.skirmish.protocol.common.v1.GameMode.GAME_MODE_DUEL).bytes(), "TOKEN_INVALID");

        fixture.connect(good);
        assertRefused(good, "ALREADY_CONNECTED");
        assertRefused(fixture.token("mallory", "duel-3", MatchMode.DUEL), "TOKEN_INVALID");

        assertThat(fixture.counter("game.net.tcp.rejected", "reason", "token_expired")).isEqualTo(1);
        assertThat(fixture.counter("game.net.tcp.rejected", "reason", "token_wrong_server")).isEqualTo(1);
    }

    private void assertRefused(byte[] token, String code) {
        assertThatThrownBy(() -> fixture.connect(token))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining(code);
    }

    @Test
    void dropsDatagramsThatAreNotAuthentic() throws Exception {
        fixture.allocate("duel-4", MatchMode.DUEL, List.of("gina", "hank"));
        GameSession gina = fixture.connect(fixture.token("gina", "duel-4", MatchMode.DUEL));
        long connectionId = gina.welcome().getConnectionId();

        byte[] forged = new byte[100];
        forged[0] = 0x53;
        forged[1] = 0x4B;
        forged[2] = 1;
        forged[3] = 1;
        for (int i = 0; i < 8; i++) {
            forged[4 + i] = (byte) (connectionId >>> (56 - 8 * i));
        }
        forged[15] = 99;
        gina.sendRawDatagram(forged);
        gina.sendRawDatagram(new byte[1300]);
        byte[] stranger = forged.clone();
        stranger[4] ^= 0x7F;
        gina.sendRawDatagram(stranger);

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(fixture.counter("game.net.packets.rejected", "reason", "bad_tag")).isEqualTo(1);
            assertThat(fixture.counter("game.net.packets.rejected", "reason", "too_large")).isEqualTo(1);
            assertThat(fixture.counter("game.net.packets.rejected", "reason", "unknown_connection")).isEqualTo(1);
        });
    }

    @Test
    void aDroppedPlayerReconnectsWithinGraceAndResumesItsSlot() throws Exception {
        fixture.allocate("duel-5", MatchMode.DUEL, List.of("ivan", "judy"));
        byte[] ivanToken = fixture.token("ivan", "duel-5", MatchMode.DUEL);
        GameSession ivan = fixture.connect(ivanToken);
        GameSession judy = fixture.connect(fixture.token("judy", "duel-5", MatchMode.DUEL));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ivan.snapshotsReceived() > 2);

        ivan.close();
        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.server.directory().connectedPlayers() == 1);
        // Whoever holds only the token (it went through the match-server and the client's storage)
        // cannot take the slot: resuming needs the secret the server gave this player's Welcome.
        assertThatThrownBy(() -> fixture.connect(ivanToken)).hasRootCauseInstanceOf(GameRefused.class)
                .rootCause().hasMessageContaining("ERROR_CODE_TOKEN_INVALID");
        GameSession back = fixture.resume(ivanToken, ivan.resumeSecret());

        assertThat(back.welcome().getReconnected()).isTrue();
        assertThat(back.entityId()).isEqualTo(ivan.entityId());
        await().atMost(5, TimeUnit.SECONDS).until(() -> back.snapshotsReceived() > 2);
        await().atMost(5, TimeUnit.SECONDS).until(() -> judy.messages().stream()
                .anyMatch(m -> m.hasEvent() && m.getEvent().hasPlayerReconnected()));
        assertThat(back.matchEnd()).isNotDone();
    }

    @Test
    void aReconnectedClientsInputsCountFromOneAgain() throws Exception {
        fixture.allocate("duel-9", MatchMode.DUEL, List.of("olga", "pete"));
        byte[] olgaToken = fixture.token("olga", "duel-9", MatchMode.DUEL);
        GameSession olga = fixture.connect(olgaToken);
        fixture.connect(fixture.token("pete", "duel-9", MatchMode.DUEL));
        AtomicLong applied = new AtomicLong();
        olga.onSnapshot(snapshot -> applied.set(snapshot.getLastProcessedInputSequence()));
        // Inputs count once the match has started: send until 40 of them were applied.
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() -> {
            olga.sendInput(0, 0.5, 0, false);
            return applied.get() >= 40;
        });

        olga.close();
        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.server.directory().connectedPlayers() == 1);
        GameSession back = fixture.resume(olgaToken, olga.resumeSecret());
        AtomicLong appliedAfter = new AtomicLong();
        back.onSnapshot(snapshot -> appliedAfter.set(snapshot.getLastProcessedInputSequence()));
        long sent = 0;
        for (int i = 0; i < 3; i++) {
            sent = back.sendInput(0.5, 0, 0, false);
        }

        assertThat(sent).isEqualTo(3);
        // Before the fix the slot kept the old connection's 40+ and these three were dropped as stale.
        await().atMost(5, TimeUnit.SECONDS).until(() -> appliedAfter.get() == 3);
    }

    @Test
    void aPlayerWhoStaysAwayPastGraceForfeitsTheDuel() throws Exception {
        fixture.allocate("duel-6", MatchMode.DUEL, List.of("kim", "leo"));
        GameSession kim = fixture.connect(fixture.token("kim", "duel-6", MatchMode.DUEL));
        GameSession leo = fixture.connect(fixture.token("leo", "duel-6", MatchMode.DUEL));
        await().atMost(5, TimeUnit.SECONDS).until(() -> kim.snapshotsReceived() > 2);

        leo.close();

        MatchResult result = kim.matchEnd().get(15, TimeUnit.SECONDS);
        assertThat(result.getEndReason()).isEqualTo(EndReason.END_REASON_FORFEIT);
        assertThat(result.getWinnerTeam()).isEqualTo(1);
    }

    @Test
    void registersInRedisAndDrainFinishesRunningMatches() throws Exception {
        await().atMost(5, TimeUnit.SECONDS).until(() ->
                "ready".equals(fixture.redis.hget(RegistryKeys.server("gs-it"), "state")));
        assertThat(fixture.redis.zscore(RegistryKeys.live("it"), "gs-it")).isNotNull();
        fixture.allocate("duel-7", MatchMode.DUEL, List.of("mia", "ned"));
        GameSession mia = fixture.connect(fixture.token("mia", "duel-7", MatchMode.DUEL));
        fixture.connect(fixture.token("ned", "duel-7", MatchMode.DUEL));

        Thread drain = new Thread(() -> fixture.server.drain());
        drain.start();
        await().atMost(5, TimeUnit.SECONDS).until(() ->
                "draining".equals(fixture.redis.hget(RegistryKeys.server("gs-it"), "state")));
        assertThat(drain.isAlive()).isTrue();
        shootUntilMatchEnds(mia);
        drain.join(10_000);

        assertThat(drain.isAlive()).isFalse();
        assertThat(mia.matchEnd().get(1, TimeUnit.SECONDS).getEndReason()).isEqualTo(EndReason.END_REASON_VICTORY);
        assertThat(fixture.redis.xlen(EventStreams.RESULTS)).isEqualTo(1);
    }

    @Test
    void matchEndIsPushedBeforeTheConnectionCloses() throws Exception {
        fixture.allocate("duel-8", MatchMode.DUEL, List.of("olga", "pete"));
        GameSession olga = fixture.connect(fixture.token("olga", "duel-8", MatchMode.DUEL));
        GameSession pete = fixture.connect(fixture.token("pete", "duel-8", MatchMode.DUEL));

        shootUntilMatchEnds(olga);

        await().atMost(5, TimeUnit.SECONDS).until(() -> !pete.open());
        List<ServerMessage.BodyCase> kinds = pete.messages().stream().map(ServerMessage::getBodyCase).toList();
        assertThat(kinds).contains(ServerMessage.BodyCase.EVENT).endsWith(ServerMessage.BodyCase.MATCH_END);
    }
}
