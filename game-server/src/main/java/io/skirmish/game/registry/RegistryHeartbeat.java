package io.skirmish.game.registry;

import io.skirmish.protocol.contract.RegistryKeys;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import redis.clients.jedis.UnifiedJedis;

/**
 * Keeps this game server's registry entry alive: every beat, one atomic script writes the
 * server's hash (address, ports, region, capacity, load, state), sets its TTL, and refreshes
 * its score in the region's live set. A server that stops beating disappears from allocation
 * within the TTL; one that says {@code draining} receives no new matches.
 *
 * <p>Called by one scheduler thread.
 */
public final class RegistryHeartbeat {

    /** The entry lives three beats: one lost beat never makes a healthy server vanish. */
    public static final int TTL_BEATS = 3;

    /** KEYS: server hash, region live set. ARGV: ttl ms, expiry ms, server id, then field/value pairs. */
    private static final String BEAT_SCRIPT = """
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            return 1
            """;

    private final UnifiedJedis redis;
    private final ServerIdentity identity;
    private final long intervalMs;
    private final InstantSource clock;
    private final Supplier<ServerLoad> load;
    private volatile ServerState state = ServerState.READY;

    public RegistryHeartbeat(UnifiedJedis redis, ServerIdentity identity, long intervalMs, InstantSource clock,
                             Supplier<ServerLoad> load) {
        this.redis = redis;
        this.identity = identity;
        this.intervalMs = intervalMs;
        this.clock = clock;
        this.load = load;
    }

    public void state(ServerState newState) {
        state = newState;
    }

    public ServerState state() {
        return state;
    }

    /** Writes one beat. Throws Jedis exceptions to the caller, which logs and tries again next beat. */
    public void beat() {
        long now = clock.millis();
        long ttlMs = intervalMs * TTL_BEATS;
        ServerLoad current = load.get();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(ttlMs));
        args.add(Long.toString(now + ttlMs));
        args.add(identity.serverId());
        addField(args, "id", identity.serverId());
        addField(args, "host", identity.publicHost());
        addField(args, "tcp_port", Integer.toString(identity.tcpPort()));
        addField(args, "udp_port", Integer.toString(identity.udpPort()));
        addField(args, "region", identity.region());
        addField(args, "incarnation", identity.incarnation());
        addField(args, "state", state.wireName());
        addField(args, "capacity_players", Integer.toString(identity.capacityPlayers()));
        addField(args, "players", Integer.toString(current.players()));
        addField(args, "matches", Integer.toString(current.matches()));
        addField(args, "tick_headroom", String.format(Locale.ROOT, "%.4f", current.tickHeadroom()));
        addField(args, "heartbeat_ms", Long.toString(now));
        redis.eval(BEAT_SCRIPT, List.of(RegistryKeys.server(identity.serverId()), RegistryKeys.live(identity.region())),
                args);
    }

    /** Removes this server from the registry (clean shutdown). */
    public void deregister() {
        redis.eval("""
                redis.call('DEL', KEYS[1])
                redis.call('ZREM', KEYS[2], ARGV[1])
                return 1
                """, List.of(RegistryKeys.server(identity.serverId()), RegistryKeys.live(identity.region())),
                List.of(identity.serverId()));
    }

    private static void addField(List<String> args, String name, String value) {
        args.add(name);
        args.add(value);
    }
}
