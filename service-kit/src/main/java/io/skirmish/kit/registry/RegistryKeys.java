package io.skirmish.kit.registry;

/**
 * The game-server registry and allocation keys, the contract between game-server (heartbeat,
 * allocation poller) and match-server (allocator), in one place (documented in
 * {@code docs/architecture.md}). All share the hash tag {@code {gs}} so one script can read and
 * write them together on Redis Cluster.
 */
public final class RegistryKeys {

    public static final String PREFIX = "skirmish:{gs}:";

    private RegistryKeys() {
    }

    /** Hash describing one game server, expiring unless its heartbeat refreshes it. */
    public static String server(String serverId) {
        return PREFIX + "server:" + serverId;
    }

    /** Sorted set of live servers of a region, scored by heartbeat expiry (epoch ms). */
    public static String live(String region) {
        return PREFIX + "live:" + region;
    }

    /** List of serialized {@code MatchAllocation}s waiting for one server. */
    public static String allocations(String serverId) {
        return PREFIX + "alloc:" + serverId;
    }
}
