package io.skirmish.protocol.contract;

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

    /**
     * Set of the match ids allocated to one incarnation of a server whose result it has not yet
     * written: the matches to abort if that incarnation is lost. Incarnations are hex, so the
     * first ':' after the prefix separates it from the server id.
     */
    public static String hosted(String incarnation, String serverId) {
        return PREFIX + "hosted:" + incarnation + ":" + serverId;
    }

    /** Set of {@code <incarnation>:<serverId>} members whose {@link #hosted} set may be non-empty. */
    public static String hosting() {
        return PREFIX + "hosting";
    }

    /** Hash: fate of a match id (allocated to a server, ended, or aborted with a reason). */
    public static String match(String matchId) {
        return PREFIX + "match:" + matchId;
    }

    /**
     * Sorted set: match id -> deadline (epoch ms) of aborts claimed by a match-server and not yet
     * fully announced; an overdue one is claimed again by the next sweep of any instance.
     */
    public static String aborting() {
        return PREFIX + "aborting";
    }
}
