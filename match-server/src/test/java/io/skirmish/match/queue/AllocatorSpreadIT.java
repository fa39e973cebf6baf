package io.skirmish.match.queue;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation rule, run by the real allocation script on a real Redis: a burst of matches in
 * one call is spread over the live servers by estimated headroom, and a server that registers
 * while the others are loaded gets the next matches.
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AllocatorSpreadIT {

    private static final String REGION = "it";

    private UnifiedJedis redis;
    private Allocator allocator;
    private int nextMatch;

    @BeforeEach
    void start(RedisEndpoint endpoint) {
        redis = RedisConnector.open(RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port()), "spread-it",
                Duration.ofSeconds(5));
        allocator = new Allocator(redis, 2_000, 600_000);
        allocator.loadScripts();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void aBurstIsSpreadByHeadroomInsteadOfFillingTheBestServer() {
        long now = System.currentTimeMillis();
        register("gs-fresh", 0.9, 200, 0, now);
        register("gs-busy", 0.6, 200, 0, now);

        Map<String, Long> placed = servers(allocator.allocateAll(REGION, duels(60), now));

        assertThat(placed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
        assertThat(placed.get("gs-busy")).as("the less loaded server does not take the whole burst").isPositive();
        assertThat(placed.get("gs-fresh")).as("more headroom, more matches").isGreaterThan(placed.get("gs-busy"));
    }

    @Test
    void equalServersShareABurstEvenly() {
        long now = System.currentTimeMillis();
        register("gs-1", 0.8, 400, 0, now);
        register("gs-2", 0.8, 400, 0, now);

        Map<String, Long> placed = servers(allocator.allocateAll(REGION, duels(40), now));

        assertThat(placed).containsEntry("gs-1", 20L).containsEntry("gs-2", 20L);
    }

    @Test
    void aServerAddedUnderLoadTakesTheNextMatchesFromItsFirstHeartbeat() {
        long now = System.currentTimeMillis();
        register("gs-loaded-1", 0.3, 1_000, 700, now);
        register("gs-loaded-2", 0.35, 1_000, 650, now);
        allocator.allocateAll(REGION, duels(10), now);

        register("gs-new", 0.95, 1_000, 0, now + 1_000);
        Map<String, Long> placed = servers(allocator.allocateAll(REGION, duels(10), now + 1_000));

        assertThat(placed.get("gs-new")).isEqualTo(10L);
    }

    /** A registry entry as the game-server's heartbeat writes it. */
    private void register(String id, double headroom, int capacity, int players, long now) {
        redis.hset(MatchKeys.server(id), Map.of("id", id, "host", "127.0.0.1", "tcp_port", "7700", "udp_port", "7701",
                "region", REGION, "state", "ready", "capacity_players", Integer.toString(capacity), "players",
                Integer.toString(players), "tick_headroom", String.format(Locale.ROOT, "%.4f", headroom),
                "incarnation", "1a" + id.length()));
        redis.pexpire(MatchKeys.server(id), 3_000);
        redis.zadd(MatchKeys.live(REGION), now + 3_000, id);
    }

    private List<Allocator.Request> duels(int count) {
        List<Allocator.Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String match = "m-" + nextMatch++;
            MatchAllocation allocation = MatchAllocation.newBuilder().setMatchId(match).setMode(GameMode.GAME_MODE_DUEL)
                    .setRegion(REGION).addPlayers(AllocatedPlayer.newBuilder().setPlayerId(match + "-a").setTeam(1))
                    .addPlayers(AllocatedPlayer.newBuilder().setPlayerId(match + "-b").setTeam(2)).build();
            requests.add(new Allocator.Request(allocation, match + "-a=0," + match + "-b=1", "duel|" + REGION + "|t-" + match));
        }
        return requests;
    }

    private static Map<String, Long> servers(List<Allocator.Placement> placements) {
        return placements.stream().collect(Collectors.groupingBy(Allocator.Placement::serverId, Collectors.counting()));
    }
}
