package io.skirmish.match.queue;

import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.match.rules.QueueMode;

/**
 * Every Redis key and channel the match-server uses, built here and nowhere else (the table is
 * in {@code docs/architecture.md}). Keys of one queue share the hash tag {@code {q:<mode>:<region>}}
 * so each queue script runs in one cluster slot; registry and allocation keys share {@code {gs}}
 * with the game-server's; a player's queue index has its own tag {@code {<playerId>}}.
 */
public final class MatchKeys {

    public static final String PREFIX = "skirmish:";
    public static final String GS = RegistryKeys.PREFIX;

    private MatchKeys() {
    }

    /** One queue (mode x region): the prefix every key of that queue starts with. */
    public record Queue(QueueMode mode, String region) {
        public String prefix() {
            return PREFIX + "{q:" + mode.wireName() + ":" + region + "}:";
        }

        /** Sorted set: ticket id -> enqueue time (epoch ms), only tickets that are searching. */
        public String waiting() {
            return prefix() + "waiting";
        }

        /**
         * Hash: ticket id -> the ticket's body ({@code TicketBody}: players, skill, owner, state,
         * ...) of every ticket of the queue that is searching, claimed, matched (kept a while) or
         * being requeued.
         */
        public String tickets() {
            return prefix() + "tickets";
        }

        /**
         * Sorted set: ticket id -> when its body is dropped (epoch ms), for tickets out of the
         * queue that are kept a while (matched, requeuing): the round sweeps them, as keys with a
         * TTL once expired by themselves.
         */
        public String kept() {
            return prefix() + "kept";
        }

        /** Sorted set: match id -> claim deadline (epoch ms) for claims not yet allocated or settled. */
        public String claims() {
            return prefix() + "claims";
        }

        /**
         * Hash: match id -> the claim's tickets with their players, {@code <ticketId>=<p1>,<p2>;...},
         * while the claim is neither committed nor released.
         */
        public String claimed() {
            return prefix() + "claimed";
        }

        /** Sorted set: match-server instance id -> lease expiry (epoch ms) of the tickets it owns. */
        public String owners() {
            return prefix() + "owners";
        }


        /** String with PX: the instance currently forming matches in this queue. */
        public String lease() {
            return prefix() + "lease";
        }

        /** Hash: counters joined, matched, cancelled, expired, requeued (tickets). */
        public String stats() {
            return prefix() + "stats";
        }

        /** {@code duel:eu-west}, for logs and metric tags. */
        public String name() {
            return mode.wireName() + ":" + region;
        }

        // Written out: queues are map keys on every hot path, and a record's generated methods
        // go through method handles that cost more than this until compiled.
        @Override
        public boolean equals(Object other) {
            return other instanceof Queue q && mode == q.mode && region.equals(q.region);
        }

        @Override
        public int hashCode() {
            return mode.ordinal() * 31 + region.hashCode();
        }
    }

    /**
     * String: {@code <mode>|<region>|<ticketId>|<reserved at, Redis epoch seconds>} of the one live
     * ticket a player is in (see {@code PlayerDirectory}).
     */
    public static String queued(String playerId) {
        return PREFIX + "queued:{" + playerId + "}";
    }

    /**
     * String: {@code <mode>|<region>|<ticketId>} of the player's last matched ticket, for as long
     * as its MatchFound may be sent again (see {@code MatchedIndex}).
     */
    public static String matched(String playerId) {
        return PREFIX + "matched:{" + playerId + "}";
    }

    /**
     * Hash written by the ranking-server (its {@code {rk}} slot): a player's rating in one mode,
     * fields {@code mu}, {@code sigma} among others.
     */
    public static String rating(QueueMode mode, String playerId) {
        return PREFIX + "{rk}:rating:" + mode.wireName() + ":" + playerId;
    }

    /**
     * String with PX: the id of the match-server instance holding the player's connection (see
     * {@code PlayerPresence}). Same hash tag as {@link #queued}.
     */
    public static String presence(String playerId) {
        return PREFIX + "match:at:{" + playerId + "}";
    }

    /**
     * Hash of a device account: {@code secret} = hex SHA-256 of its device secret, {@code created}
     * = epoch ms. Keyed by the player id the device id maps to (never the device id itself).
     */
    public static String device(String playerId) {
        return PREFIX + "match:device:{" + playerId + "}";
    }

    /**
     * Hash of one party: {@code leader}, {@code members} (comma-separated, leader first) and one
     * {@code inv:<player>} field per open invite (its expiry, epoch ms). See {@code PartyStore}.
     */
    public static String party(String partyId) {
        return PREFIX + "match:party:{" + partyId + "}";
    }

    /** String: the party a player belongs to (an index; the party hash is the truth). */
    public static String partyOf(String playerId) {
        return PREFIX + "match:party-of:{" + playerId + "}";
    }

    /** Pub/sub channel of one instance: batches of pushes for players connected to it (see {@code PushBatch}). */
    public static String instanceChannel(String instanceId) {
        return PREFIX + "match:instance:" + instanceId;
    }

    /** Game-server registry hash (written by the game-server's heartbeat). */
    public static String server(String serverId) {
        return RegistryKeys.server(serverId);
    }

    /** Sorted set of a region's live game servers, scored by heartbeat expiry. */
    public static String live(String region) {
        return RegistryKeys.live(region);
    }

    /** List of allocations for one game server. */
    public static String allocations(String serverId) {
        return RegistryKeys.allocations(serverId);
    }

    /** Hash: players reserved on a server by recent allocations, per second bucket (see {@code Allocator}). */
    public static String reserved(String serverId) {
        return GS + "reserved:" + serverId;
    }

    /** Hash: fate of a match id (allocated to a server, or aborted); settles claim recovery. */
    public static String matchMarker(String matchId) {
        return GS + "match:" + matchId;
    }
}
