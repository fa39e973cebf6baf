package io.skirmish.match.it;

import com.google.protobuf.ByteString;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Widening;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.protocol.match.v1.MatchAborted;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A game server is lost while its matches run, with two match-servers sweeping: each match is
 * aborted once (one aborted result), every player is told and rematched on the surviving server,
 * the party together, and a server that comes back under its id as a new incarnation gets none
 * of its old matches back; players who were matched again on a live server before the sweep
 * stay in that match.
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LostGameServerIT {

    private static final String REGION = "it";
    private static final List<String> SQUAD = List.of("sq-1", "sq-2", "sq-3", "sq-4", "sq-5", "sq-6");
    private static final List<String> DUEL = List.of("du-1", "du-2");

    @Test
    void matchesOfALostServerAreAbortedOnceAndTheirPlayersRematchedElsewhere(RedisEndpoint endpoint) throws Exception {
        RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        try (Instances instances = new Instances(address);
             UnifiedJedis redis = RedisConnector.open(address, "it-lost", Duration.ofSeconds(5));
             FakeGameServers games = new FakeGameServers(redis)) {
            games.add("gs-a", REGION, 1_000, 0.9, "a1");
            int[] ports = {instances.start("m1", List.of(REGION), Widening.parse("100:0:100")).port(),
                    instances.start("m2", List.of(REGION), Widening.parse("100:0:100")).port()};
            Map<String, MatchClient> clients = new HashMap<>();
            Map<String, ByteString> sessions = new HashMap<>();
            List<String> everyone = new ArrayList<>(SQUAD);
            everyone.addAll(DUEL);
            for (int i = 0; i < everyone.size(); i++) {
                MatchClient client = MatchClient.connect(ports[i % 2]);
                clients.put(everyone.get(i), client);
                sessions.put(everyone.get(i), client.session(everyone.get(i)));
            }
            join(clients, sessions, "sq-1", GameMode.GAME_MODE_SQUAD, "sq-2", "sq-3");
            for (String solo : List.of("sq-4", "sq-5", "sq-6")) {
                join(clients, sessions, solo, GameMode.GAME_MODE_SQUAD);
            }
            for (String solo : DUEL) {
                join(clients, sessions, solo, GameMode.GAME_MODE_DUEL);
            }
            Map<String, MatchFound> first = awaitMatchFound(clients, everyone, 1);
            assertThat(first.values()).extracting(MatchFound::getTcpPort).containsOnly(7700);
            Set<String> lostMatches = first.values().stream().map(MatchFound::getMatchId).collect(Collectors.toSet());
            assertThat(lostMatches).hasSize(2);
            // The fake servers' poller collects an allocation after the players may have been told.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(games.allocations)
                    .hasSize(2).extracting(MatchAllocation::getGameServerIncarnation).containsOnly("a1"));

            games.add("gs-b", REGION, 1_000, 0.5, "b1");
            games.kill("gs-a");

            for (String player : everyone) {
                await().atMost(Duration.ofSeconds(30)).until(() -> aborted(clients.get(player)).size() == 1);
                MatchAborted aborted = aborted(clients.get(player)).get(0);
                assertThat(lostMatches).contains(aborted.getMatchId());
                assertThat(aborted.getRequeued()).as("%s requeued", player).isTrue();
                assertThat(aborted.getReason()).isEqualTo("game server lost");
            }
            Map<String, MatchFound> second = awaitMatchFound(clients, everyone, 2);
            assertThat(second.values()).extracting(MatchFound::getMatchId).doesNotContainAnyElementsOf(lostMatches);
            Set<String> secondMatches = second.values().stream().map(MatchFound::getMatchId).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(games.allocations)
                    .filteredOn(a -> secondMatches.contains(a.getMatchId()))
                    .hasSize(secondMatches.size()).extracting(MatchAllocation::getGameServerId).containsOnly("gs-b"));
            assertThat(second.get("sq-2").getMatchId()).isEqualTo(second.get("sq-1").getMatchId());
            assertThat(second.get("sq-2").getTeam()).isEqualTo(second.get("sq-1").getTeam());
            assertThat(second.get("sq-3").getTeam()).isEqualTo(second.get("sq-1").getTeam());

            Map<String, Integer> abortedResults = abortedResults(redis);
            assertThat(abortedResults).as("one aborted result per lost match, though two instances sweep")
                    .containsOnlyKeys(lostMatches).containsValues(1);
            assertThat(redis.hget(MatchKeys.matchMarker(first.get("du-1").getMatchId()), "state")).isEqualTo("aborted");
            assertThat(redis.hget(new MatchKeys.Queue(QueueMode.SQUAD, REGION).stats(), "requeued")).isEqualTo("4");
            assertThat(redis.zcard("skirmish:{gs}:aborting")).as("every abort settled").isZero();
            clients.values().forEach(MatchClient::close);
        }
    }

    @Test
    void aServerBackUnderItsIdAsANewIncarnationGetsNoneOfItsOldMatches(RedisEndpoint endpoint) throws Exception {
        RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        try (Instances instances = new Instances(address);
             UnifiedJedis redis = RedisConnector.open(address, "it-reborn", Duration.ofSeconds(5));
             FakeGameServers games = new FakeGameServers(redis)) {
            games.add("gs-a", REGION, 1_000, 0.9, "a1");
            Map<String, MatchClient> clients = new HashMap<>();
            String old = firstDuelOnOneInstance(instances, clients);

            games.add("gs-a", REGION, 1_000, 0.9, "a2"); // restarted in place, before its TTL ran out

            Map<String, MatchFound> again = awaitMatchFound(clients, DUEL, 2);
            assertThat(again.get("du-1").getMatchId()).isNotEqualTo(old);
            assertThat(aborted(clients.get("du-1"))).extracting(MatchAborted::getMatchId).containsExactly(old);
            // The old allocation was made to a1: the restarted process (a2) drops it (AllocationPollerTest).
            assertThat(games.allocations).filteredOn(a -> a.getMatchId().equals(old))
                    .extracting(MatchAllocation::getGameServerIncarnation).containsExactly("a1");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(games.allocations)
                    .filteredOn(a -> a.getMatchId().equals(again.get("du-1").getMatchId()))
                    .extracting(MatchAllocation::getGameServerIncarnation).containsExactly("a2"));
            clients.values().forEach(MatchClient::close);
        }
    }

    /**
     * A live game server that pops an allocation and does not host it (full, draining, invalid)
     * hands the match back (the game server's {@code HostedMatches.refused}: fate {@code aborted}
     * with its reason, out of its {@code hosted} set, into the aborting set already overdue). The
     * sweep then aborts it once and requeues its players, who are matched again. Before, the match
     * stayed allocated on the live server: no result, no abort, players refused until they gave up.
     */
    @Test
    void aMatchALiveServerGivesBackIsAbortedOnceAndItsPlayersRematched(RedisEndpoint endpoint) throws Exception {
        RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        try (Instances instances = new Instances(address);
             UnifiedJedis redis = RedisConnector.open(address, "it-refused", Duration.ofSeconds(5));
             FakeGameServers games = new FakeGameServers(redis)) {
            games.add("gs-a", REGION, 1_000, 0.9, "a1");
            Map<String, MatchClient> clients = new HashMap<>();
            String refused = firstDuelOnOneInstance(instances, clients);
            await().atMost(Duration.ofSeconds(10)).until(() -> games.allocations.stream()
                    .anyMatch(a -> a.getMatchId().equals(refused)));

            // What gs-a writes when it does not host the allocation it popped.
            redis.srem(RegistryKeys.hosted("a1", "gs-a"), refused);
            redis.hset(RegistryKeys.match(refused), Map.of("state", "aborted", "reason", "refused"));
            redis.zadd(RegistryKeys.aborting(), 0, refused);

            for (String player : DUEL) {
                await().atMost(Duration.ofSeconds(30)).until(() -> aborted(clients.get(player)).size() == 1);
                MatchAborted aborted = aborted(clients.get(player)).get(0);
                assertThat(aborted.getMatchId()).isEqualTo(refused);
                assertThat(aborted.getRequeued()).as("%s requeued", player).isTrue();
                assertThat(aborted.getReason()).isEqualTo("game server refused the match");
            }
            Map<String, MatchFound> again = awaitMatchFound(clients, DUEL, 2);
            assertThat(again.get("du-1").getMatchId()).isNotEqualTo(refused).isEqualTo(again.get("du-2").getMatchId());
            assertThat(abortedResults(redis)).containsOnlyKeys(refused).containsValues(1);
            assertThat(redis.zcard("skirmish:{gs}:aborting")).as("the abort settled").isZero();
            clients.values().forEach(MatchClient::close);
        }
    }

    /**
     * The reliability count's race: the players of a match on a dying server could not reach it,
     * queued again and were matched on a live server before the sweep declared the first one
     * lost. Their new tickets' index entries were gone (a settled ticket's entry is removed at
     * once), so the requeue of the lost match used to find them free and put both players in a
     * second match while the live one ran on.
     */
    @Test
    void playersMatchedAgainOnALiveServerAreNotRequeuedFromTheirLostMatch(RedisEndpoint endpoint) throws Exception {
        RedisAddress address = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        try (Instances instances = new Instances(address);
             UnifiedJedis redis = RedisConnector.open(address, "it-moved-on", Duration.ofSeconds(5));
             FakeGameServers games = new FakeGameServers(redis)) {
            games.add("gs-a", REGION, 1_000, 0.5, "a1");
            int port = instances.start("m1", List.of(REGION), Widening.parse("100:0:100")).port();
            Map<String, MatchClient> clients = new HashMap<>();
            Map<String, ByteString> sessions = new HashMap<>();
            connectAndJoinDuel(port, clients, sessions);
            String lost = awaitMatchFound(clients, DUEL, 1).get("du-1").getMatchId();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(games.allocations)
                    .extracting(MatchAllocation::getMatchId).contains(lost));

            games.add("gs-b", REGION, 1_000, 0.9, "b1"); // more headroom: the next match goes there
            for (String player : DUEL) {
                join(clients, sessions, player, GameMode.GAME_MODE_DUEL);
            }
            String live = awaitMatchFound(clients, DUEL, 2).get("du-1").getMatchId();
            assertThat(live).isNotEqualTo(lost);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(games.allocations)
                    .filteredOn(a -> a.getMatchId().equals(live))
                    .extracting(MatchAllocation::getGameServerId).containsExactly("gs-b"));
            games.kill("gs-a");

            for (String player : DUEL) {
                await().atMost(Duration.ofSeconds(30)).until(() -> aborted(clients.get(player)).size() == 1);
                MatchAborted aborted = aborted(clients.get(player)).get(0);
                assertThat(aborted.getMatchId()).isEqualTo(lost);
                assertThat(aborted.getRequeued()).as("%s requeued though matched again", player).isFalse();
            }
            // No third match: the lost match's tickets were dropped, not put back.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> DUEL.stream()
                    .allMatch(p -> clients.get(p).matchFounds().stream().filter(m -> m.getPlayerId().equals(p))
                            .count() == 2));
            assertThat(redis.hget(new MatchKeys.Queue(QueueMode.DUEL, REGION).stats(), "requeued")).isNull();
            clients.values().forEach(MatchClient::close);
        }
    }

    /** Starts one match-server instance, logs the duel players in, joins them and returns their first match. */
    private static String firstDuelOnOneInstance(Instances instances, Map<String, MatchClient> clients) throws Exception {
        int port = instances.start("m1", List.of(REGION), Widening.parse("100:0:100")).port();
        connectAndJoinDuel(port, clients, new HashMap<>());
        return awaitMatchFound(clients, DUEL, 1).get("du-1").getMatchId();
    }

    /** Each of {@link #DUEL} connects on its own, logs in and joins the duel queue. */
    private static void connectAndJoinDuel(int port, Map<String, MatchClient> clients, Map<String, ByteString> sessions)
            throws Exception {
        for (String player : DUEL) {
            clients.put(player, MatchClient.connect(port));
            sessions.put(player, clients.get(player).session(player));
            join(clients, sessions, player, GameMode.GAME_MODE_DUEL);
        }
    }

    private static void join(Map<String, MatchClient> clients, Map<String, ByteString> sessions, String leader,
                             GameMode mode, String... party) throws Exception {
        ServerMessage reply = clients.get(leader).join(sessions.get(leader), mode, REGION, party).get(10, TimeUnit.SECONDS);
        assertThat(reply.hasError()).as("join of %s: %s", leader, reply).isFalse();
    }

    /** Each player's {@code count}th MatchFound, once every player has it. */
    private static Map<String, MatchFound> awaitMatchFound(Map<String, MatchClient> clients, List<String> players,
                                                           int count) {
        Map<String, MatchFound> found = new HashMap<>();
        for (String player : players) {
            await().atMost(Duration.ofSeconds(30)).until(() -> clients.get(player).matchFounds().stream()
                    .filter(m -> m.getPlayerId().equals(player)).count() >= count);
            found.put(player, clients.get(player).matchFounds().stream().filter(m -> m.getPlayerId().equals(player))
                    .skip(count - 1).findFirst().orElseThrow().getMatchFound());
        }
        return found;
    }

    private static List<MatchAborted> aborted(MatchClient client) {
        return client.pushes.stream().filter(ServerMessage::hasMatchAborted).map(ServerMessage::getMatchAborted).toList();
    }

    /** Entries of skirmish:results per match id (the fake game servers write none: all are aborts). */
    private static Map<String, Integer> abortedResults(UnifiedJedis redis) {
        Map<String, Integer> counts = new HashMap<>();
        for (StreamEntry entry : redis.xrange(EventStreams.RESULTS, (StreamEntryID) null, (StreamEntryID) null)) {
            counts.merge(entry.getFields().get(EventStreams.FIELD_ID), 1, Integer::sum);
        }
        return counts;
    }
}
