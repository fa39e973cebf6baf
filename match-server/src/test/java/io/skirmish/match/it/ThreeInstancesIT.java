package io.skirmish.match.it;

import com.google.protobuf.ByteString;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.MatchServer;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.TicketStore;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Widening;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.token.ConnectTokenClaims;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three match-servers share one queue; 10,000 duel tickets arrive over a few seconds, 10 % are
 * cancelled right after joining (racing formation), and one instance is killed half-way. In the
 * end no player is in two matches, every ticket is matched, cancelled or expired, and counted, and
 * every surviving matched player learns its match (by push, or by asking if the push died with
 * the instance that formed the match).
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ThreeInstancesIT {

    private static final int TICKETS = 10_000;
    private static final int CONNECTIONS_PER_INSTANCE = 4;
    private static final String REGION = "it";

    @Test
    void noPlayerInTwoMatchesAndNoTicketLostWhenAnInstanceDies(RedisEndpoint endpoint) throws Exception {
        RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        try (Instances instances = new Instances(address);
             UnifiedJedis redis = RedisConnector.open(address, "it-load", Duration.ofSeconds(5));
             FakeGameServers games = new FakeGameServers(redis)) {
            games.add("gs-a", REGION, 1_000_000, 0.8);
            games.add("gs-b", REGION, 1_000_000, 0.7);
            Random random = new Random(7);
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (int i = 0; i < TICKETS; i++) {
                    pipeline.hset(MatchKeys.rating(QueueMode.DUEL, player(i)), Map.of("mu", Double.toString(25 + random.nextGaussian() * 8),
                            "sigma", "3"));
                }
                pipeline.sync();
            }
            List<MatchServer> servers = new ArrayList<>();
            for (String id : List.of("m1", "m2", "m3")) {
                servers.add(instances.start(id, List.of(REGION), Widening.parse("3:4:100")));
            }
            List<MatchClient> clients = new ArrayList<>();
            for (MatchServer server : servers) {
                for (int c = 0; c < CONNECTIONS_PER_INSTANCE; c++) {
                    clients.add(MatchClient.connect(server.port()));
                }
            }
            long started = System.nanoTime();
            // Log everyone in first (pipelined per connection).
            Map<Integer, CompletableFuture<ServerMessage>> logins = new HashMap<>();
            for (int i = 0; i < TICKETS; i++) {
                logins.put(i, client(clients, i).login(player(i)));
            }
            ByteString[] sessions = new ByteString[TICKETS];
            for (int i = 0; i < TICKETS; i++) {
                sessions[i] = logins.get(i).get(30, TimeUnit.SECONDS).getLoginOk().getSessionToken();
            }
            // Joins at about 2,500/s; every tenth player leaves as soon as its join is answered.
            Set<Integer> joined = ConcurrentHashMap.newKeySet();
            Set<Integer> cancelled = ConcurrentHashMap.newKeySet();
            AtomicInteger joinFailures = new AtomicInteger();
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            MatchServer victim = servers.get(1);
            for (int i = 0; i < TICKETS; i++) {
                if (i == TICKETS / 2) {
                    victim.kill();
                }
                int p = i;
                MatchClient client = client(clients, p);
                inFlight.add(client.join(sessions[p], GameMode.GAME_MODE_DUEL, REGION).handle((reply, error) -> {
                    if (error != null || !reply.hasQueueUpdate()) {
                        joinFailures.incrementAndGet();
                        return null;
                    }
                    joined.add(p);
                    if (p % 10 == 0) {
                        client.leave(sessions[p]).thenAccept(left -> {
                            if (left.hasQueueUpdate() && left.getQueueUpdate().getState() == QueueState.QUEUE_STATE_LEFT) {
                                cancelled.add(p);
                            }
                        });
                    }
                    return null;
                }));
                if (i % 250 == 249) {
                    Thread.sleep(100);
                }
            }
            CompletableFuture.allOf(inFlight.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
            long joinsDoneNs = System.nanoTime();

            // Survivors' waiting tickets all end up matched or cancelled; the victim's expire.
            MatchKeys.Queue queue = new MatchKeys.Queue(QueueMode.DUEL, REGION);
            Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() ->
                    redis.zcard(queue.waiting()) <= 1 && redis.zcard(queue.claims()) == 0
                            && redis.zscore(queue.owners(), "m2") == null);
            // An odd ticket out has nobody left to play: its player leaves.
            for (String ticketId : redis.zrange(queue.waiting(), 0, -1)) {
                String leader = new TicketStore(redis).read(queue, ticketId).get("players");
                int p = Integer.parseInt(leader.substring(1));
                assertThat(client(clients, p).leave(sessions[p]).get(10, TimeUnit.SECONDS).getQueueUpdate().getState())
                        .isEqualTo(QueueState.QUEUE_STATE_LEFT);
                cancelled.add(p);
            }
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
                Map<String, String> stats = redis.hgetAll(queue.stats());
                return num(stats, "joined") == num(stats, "matched") + num(stats, "cancelled") + num(stats, "expired");
            });
            games.drainAll();
            long settledNs = System.nanoTime();

            // Every ticket counted exactly once.
            Map<String, String> stats = redis.hgetAll(queue.stats());
            long matched = num(stats, "matched");
            assertThat(num(stats, "joined")).isGreaterThanOrEqualTo(joined.size());
            assertThat(num(stats, "joined")).isEqualTo(matched + num(stats, "cancelled") + num(stats, "expired"));
            assertThat(num(stats, "cancelled")).isGreaterThanOrEqualTo(cancelled.size());
            assertThat(redis.zcard(queue.waiting())).isZero();

            // No player in two matches; every matched ticket is in exactly one allocation.
            Map<String, String> matchOf = new HashMap<>();
            Map<String, String> serverOf = new HashMap<>();
            for (MatchAllocation allocation : games.allocations) {
                assertThat(allocation.getPlayersCount()).isEqualTo(2);
                serverOf.put(allocation.getMatchId(), allocation.getGameServerId());
                for (AllocatedPlayer player : allocation.getPlayersList()) {
                    String previous = matchOf.put(player.getPlayerId(), allocation.getMatchId());
                    assertThat(previous).as("player %s in two matches", player.getPlayerId()).isNull();
                }
            }
            assertThat((long) matchOf.size()).isEqualTo(matched);
            for (int p : cancelled) {
                assertThat(matchOf).doesNotContainKey(player(p));
            }

            // Survivors: every joined, uncancelled player got its MatchFound, with a token for its match and server.
            Map<String, ConnectTokenVerifier> verifiers = new HashMap<>();
            for (String id : List.of("gs-a", "gs-b")) {
                verifiers.put(id, new ConnectTokenVerifier(Instances.KEYS, InstantSource.system(), id));
            }
            Set<String> notified = new HashSet<>();
            for (int c = 0; c < clients.size(); c++) {
                if (c / CONNECTIONS_PER_INSTANCE == 1) {
                    continue; // the victim's connections
                }
                for (ServerMessage push : clients.get(c).matchFounds()) {
                    var found = push.getMatchFound();
                    ConnectTokenClaims claims = verify(verifiers.get(serverOf.get(found.getMatchId())), found.getConnectToken());
                    assertThat(matchOf.get(claims.playerId())).isEqualTo(found.getMatchId());
                    notified.add(claims.playerId());
                }
            }
            // Pushes are at most once: a match the victim committed but had not announced when it died
            // reaches its players when they ask (QueueStatusRequest re-sends MatchFound), as a client does
            // when it hears nothing for a while.
            int survivorsExpected = 0;
            int toldOnAsking = 0;
            for (int p : joined) {
                if (!cancelled.contains(p) && (p % clients.size()) / CONNECTIONS_PER_INSTANCE != 1) {
                    survivorsExpected++;
                    if (notified.contains(player(p))) {
                        continue;
                    }
                    MatchClient client = client(clients, p);
                    int before = client.matchFounds().size();
                    ServerMessage status = client.status(sessions[p]).get(10, TimeUnit.SECONDS);
                    assertThat(status.getQueueUpdate().getState()).as("player %s matched but not told: %s, pushes %s",
                                    player(p), status, client.pushes.stream().filter(m -> m.getPlayerId().equals(player(p)))
                                            .toList())
                            .isEqualTo(QueueState.QUEUE_STATE_MATCHED);
                    Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> client.matchFounds().size() > before);
                    ServerMessage push = client.matchFounds().get(client.matchFounds().size() - 1);
                    assertThat(push.getPlayerId()).isEqualTo(player(p));
                    ConnectTokenClaims claims = verify(verifiers.get(serverOf.get(push.getMatchFound().getMatchId())),
                            push.getMatchFound().getConnectToken());
                    assertThat(claims.playerId()).isEqualTo(player(p));
                    assertThat(matchOf.get(player(p))).isEqualTo(push.getMatchFound().getMatchId());
                    toldOnAsking++;
                }
            }
            double lost = servers.stream().mapToDouble(s -> s.metrics().count("match.claims.lost", "queue", "duel:it")).sum();
            System.out.printf("three-instance run: tickets=%d joined=%s matched=%d cancelled=%s expired=%s "
                            + "joinFailures=%d survivorsNotified=%d (on asking: %d) claimsLost=%.0f joinPhase=%.1fs "
                            + "settled=%.1fs%n",
                    TICKETS, stats.get("joined"), matched, stats.get("cancelled"), stats.get("expired"), joinFailures.get(),
                    survivorsExpected, toldOnAsking, lost, (joinsDoneNs - started) / 1e9, (settledNs - started) / 1e9);
            clients.forEach(MatchClient::close);
        }
    }

    private static ConnectTokenClaims verify(ConnectTokenVerifier verifier, ByteString token) {
        try {
            return verifier.verify(token);
        } catch (ProtocolException e) {
            throw new AssertionError("token refused: " + e.getMessage(), e);
        }
    }

    private static MatchClient client(List<MatchClient> clients, int player) {
        return clients.get(player % clients.size());
    }

    private static String player(int i) {
        return "p" + i;
    }

    private static long num(Map<String, String> stats, String field) {
        String value = stats.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }
}
