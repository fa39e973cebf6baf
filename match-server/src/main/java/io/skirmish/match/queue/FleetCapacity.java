package io.skirmish.match.queue;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.protocol.contract.RegistryKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * The game-server fleet as the allocator sees it, per region: {@code match.fleet.servers}
 * (live {@code ready} servers) and {@code match.fleet.room} (player slots free on them,
 * capacity minus players). Alerts say "no ready game server with room in a region" from these,
 * the same registry entries allocation reads, so the alert and the allocator cannot disagree.
 *
 * <p>{@link #sample()} runs on the match-server's housekeeping thread (once a second); gauges
 * read what it published. Reservations of the last seconds are left out: the figure is a
 * capacity signal, not the allocator's exact room.
 */
public final class FleetCapacity {

    /** The allocator reads at most this many live servers per region; so does the sample. */
    private static final int MAX_SERVERS = 256;

    private final UnifiedJedis redis;
    private final InstantSource clock;
    private final List<String> regions;
    private final Map<String, AtomicLong> servers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> room = new ConcurrentHashMap<>();

    public FleetCapacity(UnifiedJedis redis, InstantSource clock, List<String> regions, MeterRegistry registry) {
        this.redis = redis;
        this.clock = clock;
        this.regions = List.copyOf(regions);
        for (String region : this.regions) {
            Gauge.builder("match.fleet.servers", servers.computeIfAbsent(region, r -> new AtomicLong()),
                    AtomicLong::get).tag("region", region).register(registry);
            Gauge.builder("match.fleet.room", room.computeIfAbsent(region, r -> new AtomicLong()), AtomicLong::get)
                    .tag("region", region).register(registry);
        }
    }

    /** Reads every region's live ready servers from the registry. */
    public void sample() {
        long nowMs = clock.millis();
        for (String region : regions) {
            long ready = 0;
            long free = 0;
            for (String id : redis.zrangeByScore(RegistryKeys.live(region), nowMs, Double.POSITIVE_INFINITY, 0,
                    MAX_SERVERS)) {
                List<String> fields = redis.hmget(RegistryKeys.server(id), "state", "capacity_players", "players");
                if ("ready".equals(fields.get(0))) {
                    ready++;
                    free += Math.max(0, parse(fields.get(1)) - parse(fields.get(2)));
                }
            }
            servers.get(region).set(ready);
            room.get(region).set(free);
        }
    }

    private static long parse(String number) {
        try {
            return number == null ? 0 : Long.parseLong(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
