package io.skirmish.match.it;

import com.google.protobuf.ByteString;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.MatchServer;
import io.skirmish.match.net.ClientVersion;
import io.skirmish.match.net.RequestLimit;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.PlayerDirectory;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Widening;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.token.ConnectTokenClaims;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@RedisTest(flushEachTest = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MatchServerIT {

    private static final String REGION = "it";
    private Instances instances;
    private UnifiedJedis redis;
    private FakeGameServers games;

    @BeforeEach
    void start(RedisEndpoint endpoint) {
        RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        instances = new Instances(address);
        redis = RedisConnector.open(address, "it-test", Duration.ofSeconds(5));
        games = new FakeGameServers(redis);
    }

    @AfterEach
    void stop() {
        games.close();
        instances.close();
        redis.close();
    }

    private MatchServer server(String id) throws InterruptedException {
        return instances.start(id, List.of(REGION, "other"), Widening.parse("3:1:25"));
    }

    @Test
    void duelPlayersGetMatchFoundWithTokensTheGameServerAccepts() throws Exception {
        games.add("gs-busy", REGION, 100, 0.2);
        games.add("gs-idle", REGION, 100, 0.9);
        MatchServer server = server("m1");
        redis.hset(MatchKeys.rating(QueueMode.DUEL, "alice"), Map.of("mu", "30", "sigma", "3"));
        try (MatchClient alice = MatchClient.connect(server.port()); MatchClient bob = MatchClient.connect(server.port())) {
            ServerMessage joined = alice.join(alice.session("alice"), GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS);
            assertThat(joined.getQueueUpdate().getState()).isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
            assertThat(joined.getQueueUpdate().getSkillWindow()).isBetween(3.0, 3.5);
            bob.join(bob.session("bob"), GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS);

            // alice 30, bob 25: the window must widen to 5, i.e. about 2 s of waiting.
            Awaitility.await().atMost(15, TimeUnit.SECONDS).until(() -> !alice.matchFounds().isEmpty()
                    && !bob.matchFounds().isEmpty());
            MatchFound a = alice.matchFounds().get(0).getMatchFound();
            MatchFound b = bob.matchFounds().get(0).getMatchFound();
            assertThat(a.getMatchId()).isEqualTo(b.getMatchId());
            assertThat(List.of(a.getTeam(), b.getTeam())).containsExactlyInAnyOrder(1, 2);
            assertThat(a.getHost()).isEqualTo("127.0.0.1");
            assertThat(a.getTcpPort()).isEqualTo(7700);
            assertThat(a.getRegion()).isEqualTo(REGION);

            // The least loaded server (most tick headroom) got it, and accepts the tokens.
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> games.allocations.size() == 1);
            MatchAllocation allocation = games.allocations.get(0);
            assertThat(allocation.getGameServerId()).isEqualTo("gs-idle");
            assertThat(allocation.getMatchId()).isEqualTo(a.getMatchId());
            assertThat(allocation.getPlayersList()).extracting(AllocatedPlayer::getPlayerId)
                    .containsExactlyInAnyOrder("alice", "bob");
            assertThat(allocation.getQuality()).isBetween(0.0, 1.0);
            ConnectTokenVerifier verifier = new ConnectTokenVerifier(Instances.KEYS, InstantSource.system(), "gs-idle");
            ConnectTokenClaims claims = verifier.verify(a.getConnectToken().toByteArray(), a.getMatchId());
            assertThat(claims.playerId()).isEqualTo("alice");
            assertThat(claims.expiresAtMs() - claims.issuedAtMs()).isEqualTo(Duration.ofMinutes(10).toMillis());
            assertThat(a.getConnectTokenId().toByteArray()).isEqualTo(claims.tokenId());

            // Accounting, event, and the queue index is free again.
            MatchKeys.Queue queue = new MatchKeys.Queue(QueueMode.DUEL, REGION);
            assertThat(redis.hgetAll(queue.stats())).containsEntry("joined", "2").containsEntry("matched", "2");
            assertThat(redis.zcard(queue.waiting())).isZero();
            assertThat(redis.exists(MatchKeys.queued("alice"))).isFalse();
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> redis.xlen("skirmish:events") >= 3);
            assertThat(redis.xrange("skirmish:events", (redis.clients.jedis.StreamEntryID) null, null).stream()
                    .map(e -> e.getFields().get("type")).toList()).contains("queue_joined", "match_formed");

            // A client that missed the push gets the match again, with a fresh token, while it is
            // joinable (docs/protocol.md, "Recovering a missed MatchFound").
            ServerMessage status = alice.status(alice.session("alice")).get(10, TimeUnit.SECONDS);
            assertThat(status.getQueueUpdate().getState()).isEqualTo(QueueState.QUEUE_STATE_MATCHED);
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> alice.matchFounds().size() == 2);
            MatchFound again = alice.matchFounds().get(1).getMatchFound();
            assertThat(again.getMatchId()).isEqualTo(a.getMatchId());
            assertThat(again.getTeam()).isEqualTo(a.getTeam());
            assertThat(again.getConnectTokenId()).isNotEqualTo(a.getConnectTokenId());

            // Once the player queues again, the new ticket is what the status reports.
            ServerMessage rejoined = alice.join(alice.session("alice"), GameMode.GAME_MODE_DUEL, REGION)
                    .get(10, TimeUnit.SECONDS);
            assertThat(rejoined.getQueueUpdate().getState()).isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
            assertThat(alice.status(alice.session("alice")).get(10, TimeUnit.SECONDS).getQueueUpdate().getState())
                    .isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
        }
    }

    @Test
    void refusesBadRequestsWithClearErrors() throws Exception {
        MatchServer server = server("m1");
        try (MatchClient client = MatchClient.connect(server.port())) {
            ByteString session = client.session("carol");
            assertThat(code(client.join(ByteString.copyFromUtf8("forged"), GameMode.GAME_MODE_DUEL, REGION)))
                    .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            assertThat(code(client.join(session, GameMode.GAME_MODE_UNSPECIFIED, REGION)))
                    .isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_MODE);
            assertThat(code(client.join(session, GameMode.GAME_MODE_DUEL, "mars")))
                    .isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_REGION);
            assertThat(code(client.join(session, GameMode.GAME_MODE_DUEL, REGION, "dave")))
                    .isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);
            assertThat(code(client.join(session, GameMode.GAME_MODE_SQUAD, REGION, "dave", "dave")))
                    .isEqualTo(ErrorCode.ERROR_CODE_PARTY_INVALID);
            assertThat(code(client.leave(session))).isEqualTo(ErrorCode.ERROR_CODE_NOT_QUEUED);
            assertThat(client.join(session, GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS).hasQueueUpdate()).isTrue();
            assertThat(code(client.join(session, GameMode.GAME_MODE_SQUAD, REGION)))
                    .isEqualTo(ErrorCode.ERROR_CODE_ALREADY_QUEUED);
            // A party that contains a queued player is refused as a whole.
            try (MatchClient other = MatchClient.connect(server.port())) {
                assertThat(code(other.join(other.session("erin"), GameMode.GAME_MODE_SQUAD, REGION, "carol")))
                        .isEqualTo(ErrorCode.ERROR_CODE_ALREADY_QUEUED);
                assertThat(redis.exists(MatchKeys.queued("erin"))).isFalse();
            }
            ServerMessage left = client.leave(session).get(10, TimeUnit.SECONDS);
            assertThat(left.getQueueUpdate().getState()).isEqualTo(QueueState.QUEUE_STATE_LEFT);
            MatchKeys.Queue queue = new MatchKeys.Queue(QueueMode.DUEL, REGION);
            assertThat(redis.hgetAll(queue.stats())).containsEntry("joined", "1").containsEntry("cancelled", "1");
            assertThat(server.metrics().count("match.net.rejected", "reason", "already_queued")).isEqualTo(2);
            // The connection survived every refusal.
            assertThat(client.closed).isNotDone();
        }
    }

    @Test
    void ticketsWaitWithAReasonWhileNoServerIsLiveThenMatch() throws Exception {
        MatchServer server = server("m1");
        try (MatchClient a = MatchClient.connect(server.port()); MatchClient b = MatchClient.connect(server.port())) {
            a.join(a.session("p1"), GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS);
            ByteString bSession = b.session("p2");
            b.join(bSession, GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> a.pushes.stream().anyMatch(m -> m.hasQueueUpdate()
                    && m.getQueueUpdate().getState() == QueueState.QUEUE_STATE_WAITING_FOR_SERVER
                    && m.getQueueUpdate().getReason() == ErrorCode.ERROR_CODE_NO_SERVER_AVAILABLE));
            ServerMessage status = b.status(bSession).get(10, TimeUnit.SECONDS);
            assertThat(status.getQueueUpdate().getState()).isIn(QueueState.QUEUE_STATE_WAITING_FOR_SERVER,
                    QueueState.QUEUE_STATE_SEARCHING);
            assertThat(a.matchFounds()).isEmpty();
            games.add("gs-late", REGION, 10, 0.5);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> !a.matchFounds().isEmpty() && !b.matchFounds().isEmpty());
            MatchKeys.Queue queue = new MatchKeys.Queue(QueueMode.DUEL, REGION);
            assertThat(Long.parseLong(redis.hget(queue.stats(), "requeued"))).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void partiesStayTogetherAndMembersOnAnotherInstanceAreNotified() throws Exception {
        games.add("gs-1", REGION, 100, 0.5);
        MatchServer first = server("m1");
        MatchServer second = server("m2");
        try (MatchClient leader = MatchClient.connect(first.port()); MatchClient member = MatchClient.connect(second.port());
             MatchClient trio = MatchClient.connect(first.port()); MatchClient solo = MatchClient.connect(second.port())) {
            member.session("duo-b");
            leader.join(leader.session("duo-a"), GameMode.GAME_MODE_SQUAD, REGION, "duo-b").get(10, TimeUnit.SECONDS);
            trio.join(trio.session("trio-a"), GameMode.GAME_MODE_SQUAD, REGION, "trio-b", "trio-c").get(10, TimeUnit.SECONDS);
            solo.join(solo.session("solo"), GameMode.GAME_MODE_SQUAD, REGION).get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> !member.matchFounds().isEmpty()
                    && !leader.matchFounds().isEmpty() && !solo.matchFounds().isEmpty());
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> games.allocations.size() == 1);
            Map<String, Integer> teams = new java.util.HashMap<>();
            games.allocations.get(0).getPlayersList().forEach(p -> teams.put(p.getPlayerId(), p.getTeam()));
            assertThat(teams).hasSize(6);
            assertThat(teams.get("duo-a")).isEqualTo(teams.get("duo-b")).isEqualTo(teams.get("solo"));
            assertThat(teams.get("trio-a")).isEqualTo(teams.get("trio-b")).isEqualTo(teams.get("trio-c"))
                    .isNotEqualTo(teams.get("duo-a"));
            MatchFound found = member.matchFounds().get(0).getMatchFound();
            ConnectTokenClaims claims = new ConnectTokenVerifier(Instances.KEYS, InstantSource.system(), "gs-1")
                    .verify(found.getConnectToken());
            assertThat(claims.playerId()).isEqualTo("duo-b");
            assertThat(games.allocations.get(0).getPlayersList().stream().filter(p -> p.getPlayerId().startsWith("duo"))
                    .map(AllocatedPlayer::getPartyId).distinct()).hasSize(1);
        }
    }

    @Test
    void aQueueWhoseBacklogFormsNothingRefusesJoinsBeforeTheyReachRedis() throws Exception {
        MatchServer server = instances.start(Instances.config("m1", List.of(REGION), Widening.parse("3:1:25"),
                RequestLimit.OFF, null, 10_000));
        MatchKeys.Queue duel = new MatchKeys.Queue(QueueMode.DUEL, REGION);
        int backlog = 100; // a queue under 100 tickets is always open: these joins are admitted whatever the rate
        try (MatchClient client = MatchClient.connect(server.port())) {
            for (int i = 0; i < backlog; i++) { // 50 mu apart, beyond the widest window (25): none ever matches
                String player = "far-" + i;
                redis.hset(MatchKeys.rating(QueueMode.DUEL, player), Map.of("mu", Integer.toString(i * 50), "sigma", "3"));
                assertThat(client.join(client.session(player), GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS)
                        .hasQueueUpdate()).isTrue();
            }
            // The rounds see the backlog and, over the rate window, nothing formed from it.
            Awaitility.await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> server.matchmaker().admission().check(duel) != null);
            ByteString late = client.session("far-late");
            assertThat(code(client.join(late, GameMode.GAME_MODE_DUEL, REGION))).isEqualTo(ErrorCode.ERROR_CODE_SERVER_BUSY);
            assertThat(redis.zcard(duel.waiting())).isEqualTo(backlog);
            assertThat(redis.exists(MatchKeys.queued("far-late"))).as("refused before any Redis write").isFalse();
            assertThat(server.metrics().count("match.tickets", "queue", duel.name(), "outcome", "refused_slow")).isOne();
            assertThat(client.join(late, GameMode.GAME_MODE_SQUAD, REGION).get(10, TimeUnit.SECONDS).hasQueueUpdate())
                    .as("another queue still takes joins").isTrue();
        }
    }

    @Test
    void aFullQueueRefusesJoinsWithServerBusyAndOthersStillJoin() throws Exception {
        MatchServer server = instances.start(Instances.config("m1", List.of(REGION, "other"), Widening.parse("3:1:25"),
                RequestLimit.OFF, null, 2));
        MatchKeys.Queue ffa = new MatchKeys.Queue(QueueMode.FFA, REGION);
        // 50 mu apart, beyond the widest window (25): these two never start even a short lobby.
        redis.hset(MatchKeys.rating(QueueMode.FFA, "ffa-1"), Map.of("mu", "0", "sigma", "3"));
        redis.hset(MatchKeys.rating(QueueMode.FFA, "ffa-2"), Map.of("mu", "50", "sigma", "3"));
        try (MatchClient client = MatchClient.connect(server.port())) {
            for (String player : List.of("ffa-1", "ffa-2")) { // two far apart in skill: they wait
                assertThat(client.join(client.session(player), GameMode.GAME_MODE_FFA, REGION).get(10, TimeUnit.SECONDS)
                        .hasQueueUpdate()).isTrue();
            }
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> server.matchmaker().size(ffa) == 2);
            ByteString late = client.session("ffa-3");
            assertThat(code(client.join(late, GameMode.GAME_MODE_FFA, REGION))).isEqualTo(ErrorCode.ERROR_CODE_SERVER_BUSY);
            assertThat(redis.zcard(ffa.waiting())).isEqualTo(2);
            assertThat(server.metrics().count("match.tickets", "queue", ffa.name(), "outcome", "refused_full")).isOne();
            assertThat(client.join(late, GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS).hasQueueUpdate())
                    .as("another queue still takes joins").isTrue();
        }
    }

    @Test
    void aFreeForAllLobbyThatCannotFillStartsShortAfterABoundedWait() throws Exception {
        games.add("gs-1", REGION, 100, 0.9);
        MatchServer server = server("m1");
        List<String> players = List.of("few-1", "few-2", "few-3");
        try (MatchClient client = MatchClient.connect(server.port())) {
            for (String player : players) {
                client.join(client.session(player), GameMode.GAME_MODE_FFA, REGION).get(10, TimeUnit.SECONDS);
            }
            // Three of eight: after the default lobby fill (1 s, then one fewer every 250 ms) they
            // start together instead of waiting for players who are not there.
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> games.allocations.size() == 1);
            MatchAllocation allocation = games.allocations.get(0);
            assertThat(allocation.getMode()).isEqualTo(GameMode.GAME_MODE_FFA);
            assertThat(allocation.getPlayersList()).extracting(AllocatedPlayer::getPlayerId)
                    .containsExactlyInAnyOrderElementsOf(players);
            assertThat(allocation.getPlayersList()).extracting(AllocatedPlayer::getTeam).containsExactlyInAnyOrder(1, 2, 3);
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> client.matchFounds().size() == 3);
            assertThat(client.matchFounds()).extracting(m -> m.getMatchFound().getMatchId()).containsOnly(allocation.getMatchId());
        }
    }

    @Test
    void aClosedConnectionExpiresItsTickets() throws Exception {
        MatchServer server = server("m1");
        MatchKeys.Queue queue = new MatchKeys.Queue(QueueMode.FFA, REGION);
        try (MatchClient client = MatchClient.connect(server.port())) {
            client.join(client.session("gone"), GameMode.GAME_MODE_FFA, REGION).get(10, TimeUnit.SECONDS);
            assertThat(redis.zcard(queue.waiting())).isOne();
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> "1".equals(redis.hget(queue.stats(), "expired")));
        assertThat(redis.zcard(queue.waiting())).isZero();
        assertThat(redis.exists(MatchKeys.queued("gone"))).isFalse();
    }

    @Test
    void refusesOutdatedClientsAtLoginWithAClearError() throws Exception {
        MatchServer server = instances.start(Instances.config("m1", List.of(REGION), Widening.parse("3:1:25"),
                RequestLimit.OFF, ClientVersion.require("1.4.0")));
        try (MatchClient client = MatchClient.connect(server.port())) {
            ServerMessage old = client.login("old", "1.3.9").get(10, TimeUnit.SECONDS);
            assertThat(old.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_CLIENT_OUTDATED);
            assertThat(old.getError().getMessage()).contains("1.3.9", "1.4.0");
            assertThat(code(client.login("pre", "1.4.0-rc.2"))).isEqualTo(ErrorCode.ERROR_CODE_CLIENT_OUTDATED);
            assertThat(code(client.login("none", ""))).isEqualTo(ErrorCode.ERROR_CODE_CLIENT_OUTDATED);
            assertThat(client.login("current", "1.4.0").get(10, TimeUnit.SECONDS).hasLoginOk()).isTrue();
            assertThat(client.login("newer", "v1.10.2+build.7").get(10, TimeUnit.SECONDS).hasLoginOk()).isTrue();
            assertThat(server.metrics().count("match.net.rejected", "reason", "client_outdated")).isEqualTo(3);
            assertThat(client.closed).isNotDone();
        }
    }

    @Test
    void limitsTheRequestRateOfAConnectionAndSaysWhenToRetry() throws Exception {
        MatchServer server = instances.start(Instances.config("m1", List.of(REGION), Widening.parse("3:1:25"),
                RequestLimit.parse("5:5"), null));
        try (MatchClient client = MatchClient.connect(server.port())) {
            // Pings are answered only after a Login; the Login takes one token of the burst.
            assertThat(client.login("pinger", "1.0.0").get(10, TimeUnit.SECONDS).hasLoginOk()).isTrue();
            List<java.util.concurrent.CompletableFuture<ServerMessage>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                burst.add(client.ping());
            }
            int answered = 0;
            int limited = 0;
            for (var reply : burst) {
                ServerMessage message = reply.get(10, TimeUnit.SECONDS);
                if (message.hasPong()) {
                    answered++;
                } else {
                    assertThat(message.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_RATE_LIMITED);
                    assertThat(message.getError().getRetryAfterMs()).isBetween(1, 1_000);
                    limited++;
                }
            }
            // The rest of a burst of 5 plus what refilled meanwhile.
            assertThat(answered).isBetween(4, 9);
            assertThat(limited).isEqualTo(20 - answered);
            assertThat(server.metrics().count("match.net.rejected", "reason", "rate_limited")).isEqualTo(limited);
            // The connection stays usable: after the advised pause requests go through again.
            Awaitility.await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250))
                    .until(() -> client.ping().get(10, TimeUnit.SECONDS).hasPong());
            assertThat(client.closed).isNotDone();
        }
    }

    @Test
    void theRequestBudgetDoesNotGrowWithThePlayersLoggedInOnAConnection() throws Exception {
        MatchServer server = instances.start(Instances.config("m1", List.of(REGION), Widening.parse("3:1:25"),
                RequestLimit.parse("1:8"), null));
        try (MatchClient client = MatchClient.connect(server.port())) {
            for (int i = 0; i < 4; i++) {
                client.session("many-" + i); // four logins: four tokens of the eight
            }
            List<java.util.concurrent.CompletableFuture<ServerMessage>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                burst.add(client.ping());
            }
            long answered = 0;
            for (var reply : burst) {
                answered += reply.get(10, TimeUnit.SECONDS).hasPong() ? 1 : 0;
            }
            // Before, each login added a burst of 8 and its own refill: 4 players = 32 more pings.
            assertThat(answered).isBetween(4L, 12L);
        }
    }

    @Test
    void oneConnectionsBurstHoldsAtMostItsInFlightSlotsOfTheSharedWorkers() throws Exception {
        MatchServer server = instances.start(Instances.config("m1", List.of(REGION), Widening.parse("3:1:25"),
                RequestLimit.OFF, null, 100_000, 2));
        try (MatchClient client = MatchClient.connect(server.port()); MatchClient other = MatchClient.connect(server.port())) {
            ByteString session = client.session("bursty");
            List<java.util.concurrent.CompletableFuture<ServerMessage>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(client.status(session));
            }
            long busy = 0;
            for (var reply : burst) {
                ServerMessage message = reply.get(20, TimeUnit.SECONDS);
                if (message.getError().getCode() == ErrorCode.ERROR_CODE_SERVER_BUSY) {
                    assertThat(message.getError().getMessage()).contains("in flight");
                    busy++;
                } else {
                    assertThat(message.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_NOT_QUEUED);
                }
            }
            assertThat(busy).isPositive();
            assertThat(server.metrics().count("match.net.rejected", "reason", "server_busy")).isEqualTo(busy);
            // Another connection is served as usual.
            assertThat(code(other.status(other.session("calm")))).isEqualTo(ErrorCode.ERROR_CODE_NOT_QUEUED);
        }
    }

    @Test
    void pushesNameThePlayerOfAConnectionThatSpeaksForSeveral() throws Exception {
        games.add("gs-1", REGION, 100, 0.5);
        MatchServer server = server("m1");
        try (MatchClient driver = MatchClient.connect(server.port())) {
            driver.join(driver.session("bot-1"), GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS);
            driver.join(driver.session("bot-2"), GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> driver.matchFounds().size() == 2);
            ConnectTokenVerifier verifier = new ConnectTokenVerifier(Instances.KEYS, InstantSource.system(), "gs-1");
            for (ServerMessage push : driver.matchFounds()) {
                assertThat(push.getRequestId()).isZero();
                assertThat(verifier.verify(push.getMatchFound().getConnectToken()).playerId())
                        .isEqualTo(push.getPlayerId());
            }
            assertThat(driver.matchFounds().stream().map(ServerMessage::getPlayerId))
                    .containsExactlyInAnyOrder("bot-1", "bot-2");
        }
    }

    @Test
    void aFreshReservationBlocksAJoinAndAStaleOneIsTakenOver() throws Exception {
        MatchServer server = server("m1");
        long redisNow = Long.parseLong((String) redis.eval("return redis.call('TIME')[1]"));
        // A join elsewhere reserved frank a moment ago and is writing its ticket right now.
        redis.set(MatchKeys.queued("frank"), "duel|" + REGION + "|0123456789abcdef01234567|" + (redisNow - 2));
        try (MatchClient client = MatchClient.connect(server.port())) {
            ByteString session = client.session("frank");
            assertThat(code(client.join(session, GameMode.GAME_MODE_DUEL, REGION)))
                    .isEqualTo(ErrorCode.ERROR_CODE_ALREADY_QUEUED);
            // The same reservation long after: its instance died before writing the ticket.
            redis.set(MatchKeys.queued("frank"), "duel|" + REGION + "|0123456789abcdef01234567|"
                    + (redisNow - PlayerDirectory.STALE_AFTER_SEC - 5));
            ServerMessage joined = client.join(session, GameMode.GAME_MODE_DUEL, REGION).get(10, TimeUnit.SECONDS);
            assertThat(joined.getQueueUpdate().getState()).isEqualTo(QueueState.QUEUE_STATE_SEARCHING);
            assertThat(redis.get(MatchKeys.queued("frank"))).doesNotContain("0123456789abcdef01234567");
        }
    }

    private static ErrorCode code(java.util.concurrent.CompletableFuture<ServerMessage> reply) throws Exception {
        ServerMessage message = reply.get(10, TimeUnit.SECONDS);
        assertThat(message.hasError()).as("expected an error, got %s", message).isTrue();
        return message.getError().getCode();
    }
}
