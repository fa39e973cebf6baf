package io.skirmish.match.queue;

import io.skirmish.kit.redis.LuaScript;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Skill;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-player keys: the queue index that keeps a player in at most one live ticket
 * ({@code skirmish:queued:{<playerId>}}), and the rating the ranking-server keeps
 * ({@code skirmish:{rk}:rating:<mode>:<playerId>}, fields {@code mu}, {@code sigma}).
 *
 * <p>The index is what makes "no player in two matches" hold across queues and parties: a
 * ticket is only written after every one of its players' index entries names it, and an entry
 * is removed only after its ticket left the queue. An entry is stamped with Redis's clock when
 * it is reserved. An entry whose ticket is matched is stale; one whose ticket does not exist is
 * stale only once its stamp is {@link #STALE_AFTER_SEC} old (its instance died between the two
 * steps), because a fresh one may belong to a join whose ticket is being written right now. The
 * ticket write itself refuses reservations older than {@link #ENQUEUE_LIMIT_SEC}, so a join
 * that stalled can never write a ticket for players another join has taken over.
 *
 * <p>Index entries of many players are reserved and released by one script call each way (per
 * cluster slot on Redis Cluster, where players' entries live in their own slots): a script call
 * per player cost Redis more than everything else a join does.
 *
 * <p>Thread-safe (the Jedis client is a pool).
 */
public final class PlayerDirectory implements MatchmakerPorts.PlayerIndex {

    /** A ticket whose players were reserved longer ago than this is not written. */
    public static final long ENQUEUE_LIMIT_SEC = 5;
    /**
     * An entry naming a ticket that does not exist is taken over after this long. Past
     * {@link #ENQUEUE_LIMIT_SEC} its ticket can no longer be written, so waiting longer only locks
     * the player out (a join whose reply was lost in a Redis partition left such an entry, and the
     * player's retries were refused {@code ALREADY_QUEUED} until it went); the 5 s beyond the
     * limit absorb clock differences between Redis Cluster nodes (the stamp and the write's check
     * may read different nodes' clocks).
     */
    public static final long STALE_AFTER_SEC = ENQUEUE_LIMIT_SEC + 5;
    private final UnifiedJedis redis;
    private final SlotGroups slots;
    private final MatchedIndex matched;

    public PlayerDirectory(UnifiedJedis redis) {
        this.redis = redis;
        this.slots = SlotGroups.of(redis);
        this.matched = new MatchedIndex(redis);
    }

    /** Where players' settled tickets stay findable after their index entries are gone. */
    public MatchedIndex matched() {
        return matched;
    }

    /**
     * Points the players of settled tickets at them ({@link MatchedIndex}) and removes their
     * entries that still name them, one script call per slot group (one in all on a single
     * Redis), so that at every instant one of the two names the ticket.
     */
    @Override
    public void settleAll(List<Request> settled) {
        if (settled.isEmpty()) {
            return;
        }
        IndexEntries entries = IndexEntries.of(settled);
        List<String> values = entries.values();
        List<LuaScript.Queued> replies = new ArrayList<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (SlotGroups.Group group : slots.group(entries.keys())) {
                List<String> keys = new ArrayList<>(group.keys());
                List<String> args = new ArrayList<>(group.indexes().size() + 1);
                args.add(Long.toString(TicketStore.MATCHED_KEEP_MS));
                for (int i : group.indexes()) {
                    keys.add(entries.matchedKeys().get(i));
                    args.add(values.get(i));
                }
                replies.add(QueueScripts.SETTLE_INDEX_MANY.queue(pipeline, redis, keys, args));
            }
            pipeline.sync();
        }
        replies.forEach(LuaScript.Queued::get); // surfaces NOSCRIPT by running it again
    }

    /** Where a player's ticket is. */
    public record Entry(QueueMode mode, String region, String ticketId) {
        public MatchKeys.Queue queue() {
            return new MatchKeys.Queue(mode, region);
        }

        /** The entry without its stamp; DELETE_IF matches any stamp after it. */
        String encode() {
            return mode.wireName() + "|" + region + "|" + ticketId;
        }

        /** Parses {@code mode|region|ticketId[|stamp]}; null when unreadable. */
        static Entry decode(String text) {
            if (text == null) {
                return null;
            }
            String[] parts = text.split("\\|");
            QueueMode mode = parts.length == 3 || parts.length == 4 ? QueueMode.fromWireName(parts[0]) : null;
            return mode == null ? null : new Entry(mode, parts[1], parts[2]);
        }

        /** The reservation stamp (Redis epoch seconds) of an encoded entry, or -1 when it has none. */
        static long stamp(String text) {
            String[] parts = text == null ? new String[0] : text.split("\\|");
            try {
                return parts.length == 4 ? Long.parseLong(parts[3]) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** The player's current ticket, or null. */
    public Entry lookup(String playerId) {
        return Entry.decode(redis.get(MatchKeys.queued(playerId)));
    }

    /** One ticket's players to reserve and rate. */
    public record Request(QueueMode mode, List<String> players, Entry entry) {
    }

    /**
     * The outcome for one ticket: every player reserved (then {@code busyPlayer} is null and
     * {@code reservedAtSec} the oldest stamp) or none (the first player already in a live ticket).
     */
    public record Reservation(List<Skill> skills, String busyPlayer, long reservedAtSec) {
        public boolean ok() {
            return busyPlayer == null;
        }
    }

    /**
     * Reads the players' ratings and reserves their index entries for many tickets in one
     * pipeline; a contested entry is then checked (and taken over when stale) on its own. A
     * ticket that cannot have all its players gives back the ones it got.
     */
    public List<Reservation> reserveAll(List<Request> requests, long ttlMs) {
        return reserveAll(requests, ttlMs, true);
    }

    /**
     * As {@link #reserveAll(List, long)} for a requeue: an entry is reserved only when it is free
     * or already names the request's own ticket, never taken over from another ticket, even a
     * matched one. A player whose entry names another ticket joined again after its match was
     * lost; that ticket may be in a live match, and taking its entry would put the player in two.
     * Nor is a player reserved whose matched pointer ({@link MatchedIndex}) names another ticket:
     * that ticket was matched after the lost one, and its entry is already gone
     * ({@link QueueScripts#RESERVE_OWN_MANY}).
     */
    public List<Reservation> reserveOwnAll(List<Request> requests, long ttlMs) {
        return reserveAll(requests, ttlMs, false);
    }

    private List<Reservation> reserveAll(List<Request> requests, long ttlMs, boolean takeOverStale) {
        List<List<Response<List<String>>>> ratings = new ArrayList<>(requests.size());
        IndexEntries entries = IndexEntries.of(requests);
        List<String> keys = entries.keys();
        List<String> values = entries.values();
        List<SlotGroups.Group> groups = slots.group(keys);
        List<LuaScript.Queued> replies = new ArrayList<>(groups.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Request request : requests) {
                List<Response<List<String>>> rated = new ArrayList<>(request.players().size());
                for (String player : request.players()) {
                    rated.add(pipeline.hmget(MatchKeys.rating(request.mode(), player), "mu", "sigma"));
                }
                ratings.add(rated);
            }
            for (SlotGroups.Group group : groups) {
                List<String> args = new ArrayList<>(group.indexes().size() + 1);
                args.add(Long.toString(ttlMs));
                group.indexes().forEach(i -> args.add(values.get(i)));
                replies.add(takeOverStale ? QueueScripts.RESERVE_MANY.queue(pipeline, redis, group.keys(), args)
                        : QueueScripts.RESERVE_OWN_MANY.queue(pipeline, redis, withMatchedPointers(group, entries), args));
            }
            pipeline.sync();
        }
        List<?>[] reserved = new List<?>[keys.size()]; // per key {1, value} or {0, existing, now}
        for (int g = 0; g < groups.size(); g++) {
            List<?> perKey = (List<?>) replies.get(g).get();
            List<Integer> indexes = groups.get(g).indexes();
            for (int k = 0; k < indexes.size(); k++) {
                reserved[indexes.get(k)] = (List<?>) perKey.get(k);
            }
        }
        List<Reservation> out = new ArrayList<>(requests.size());
        List<Request> giveBack = new ArrayList<>();
        int key = 0;
        for (int t = 0; t < requests.size(); t++) {
            Request request = requests.get(t);
            List<Skill> skills = new ArrayList<>(request.players().size());
            List<String> got = new ArrayList<>(request.players().size());
            String busy = null;
            long oldest = Long.MAX_VALUE;
            for (int p = 0; p < request.players().size(); p++, key++) {
                String player = request.players().get(p);
                skills.add(skill(ratings.get(t).get(p).get()));
                List<?> reply = reserved[key];
                long stamp;
                if (((Long) reply.get(0)) == 1L) {
                    stamp = Entry.stamp((String) reply.get(1));
                } else if (busy == null && (takeOverStale || ownOrGone(request.entry(), (String) reply.get(1)))) {
                    stamp = takeOverIfStale(player, request.entry(), (String) reply.get(1),
                            Long.parseLong((String) reply.get(2)), ttlMs);
                } else if (busy == null) {
                    stamp = -1; // another ticket's entry: a requeue leaves it alone
                } else {
                    continue; // the ticket is refused already; nothing to take over
                }
                if (stamp < 0) {
                    busy = busy == null ? player : busy;
                } else {
                    got.add(player);
                    oldest = Math.min(oldest, stamp);
                }
            }
            if (busy != null && !got.isEmpty()) {
                giveBack.add(new Request(request.mode(), got, request.entry()));
            }
            out.add(new Reservation(skills, busy, busy == null ? oldest : -1));
        }
        releaseAll(giveBack);
        return out;
    }

    /** {@link QueueScripts#RESERVE_OWN_MANY}'s keys for one slot group: its index entries, then its players' matched pointers. */
    private static List<String> withMatchedPointers(SlotGroups.Group group, IndexEntries entries) {
        List<String> keys = new ArrayList<>(group.keys());
        group.indexes().forEach(i -> keys.add(entries.matchedKeys().get(i)));
        return keys;
    }

    /**
     * Every player's index key with its ticket's encoded entry, and its matched pointer's key
     * (same slot), players in request order.
     */
    private record IndexEntries(List<String> keys, List<String> values, List<String> matchedKeys) {
        static IndexEntries of(List<Request> requests) {
            List<String> keys = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<String> matchedKeys = new ArrayList<>();
            for (Request request : requests) {
                String entry = request.entry().encode();
                for (String player : request.players()) {
                    keys.add(MatchKeys.queued(player));
                    values.add(entry);
                    matchedKeys.add(MatchKeys.matched(player));
                }
            }
            return new IndexEntries(keys, values, matchedKeys);
        }
    }

    /** True when {@code existing} is gone or names the same ticket as {@code ours}. */
    private static boolean ownOrGone(Entry ours, String existing) {
        if (existing.isEmpty()) {
            return true;
        }
        Entry other = Entry.decode(existing);
        return other != null && other.ticketId().equals(ours.ticketId());
    }

    /**
     * The contested case: {@code existing} was there when we tried. Returns our new stamp when
     * the entry was stale and is ours now, else -1.
     */
    private long takeOverIfStale(String player, Entry ours, String existing, long redisNowSec, long ttlMs) {
        String key = MatchKeys.queued(player);
        if (existing.isEmpty()) { // deleted in between: try once more
            List<?> again = (List<?>) ((List<?>) QueueScripts.RESERVE_MANY.run(redis, List.of(key),
                    List.of(Long.toString(ttlMs), ours.encode()))).get(0);
            return ((Long) again.get(0)) == 1L ? Entry.stamp((String) again.get(1)) : -1;
        }
        Entry other = Entry.decode(existing);
        long stamp = Entry.stamp(existing);
        boolean stale;
        if (other == null) {
            stale = true; // unreadable: nobody can be relying on it
        } else if (other.ticketId().equals(ours.ticketId())) {
            stale = true; // it names the ticket we reserve for (a requeue): it is ours already
        } else {
            String state = TicketBody.decode(redis.hget(other.queue().tickets(), other.ticketId())).get("state");
            stale = "matched".equals(state)
                    || (state == null && (stamp < 0 || redisNowSec - stamp > STALE_AFTER_SEC));
        }
        if (!stale) {
            return -1;
        }
        List<?> replaced = (List<?>) QueueScripts.REPLACE_IF.run(redis, List.of(key),
                List.of(existing, ours.encode(), Long.toString(ttlMs)));
        return ((Long) replaced.get(0)) == 1L ? Entry.stamp((String) replaced.get(1)) : -1;
    }

    /** Removes the players' entries that still name {@code entry}'s ticket. */
    public void release(List<String> playerIds, Entry entry) {
        releaseAll(List.of(new Request(entry.mode(), playerIds, entry)));
    }

    /** {@link #release} for many tickets: one script call per slot group (one in all on a single Redis). */
    public void releaseAll(List<Request> requests) {
        if (requests.isEmpty()) {
            return;
        }
        IndexEntries entries = IndexEntries.of(requests);
        List<String> keys = entries.keys();
        List<String> values = entries.values();
        List<SlotGroups.Group> groups = slots.group(keys);
        List<LuaScript.Queued> replies = new ArrayList<>(groups.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (SlotGroups.Group group : groups) {
                replies.add(QueueScripts.DELETE_IF_MANY.queue(pipeline, redis, group.keys(), deleteArgs(group, values)));
            }
            pipeline.sync();
        }
        replies.forEach(LuaScript.Queued::get); // surfaces NOSCRIPT by running it again
    }

    /**
     * {@link #releaseAll} after a failed join, when part of the reservations may have landed: on
     * Redis Cluster players' entries live on several nodes, and a pipeline that fails on one node
     * (its master just died) has already written to the others. One call per slot group, each on
     * its own, so the groups on live nodes are released even while another node refuses; without
     * this a retry of the join would be refused as already queued until the orphaned entries turn
     * stale ({@link #STALE_AFTER_SEC}). Never throws.
     *
     * @return the slot groups that could not be released (their entries turn stale by themselves)
     */
    public int releaseAfterFailure(List<Request> requests) {
        if (requests.isEmpty()) {
            return 0;
        }
        IndexEntries entries = IndexEntries.of(requests);
        List<String> values = entries.values();
        int failed = 0;
        for (SlotGroups.Group group : slots.group(entries.keys())) {
            try {
                QueueScripts.DELETE_IF_MANY.run(redis, group.keys(), deleteArgs(group, values));
            } catch (RuntimeException e) {
                failed++;
            }
        }
        return failed;
    }

    /** {@link QueueScripts#DELETE_IF_MANY}'s arguments for one slot group: its entries' values. */
    private static List<String> deleteArgs(SlotGroups.Group group, List<String> values) {
        List<String> args = new ArrayList<>(group.indexes().size());
        group.indexes().forEach(i -> args.add(values.get(i)));
        return args;
    }

    /** The player's rating, or {@link Skill#DEFAULT} for a new (or unreadable) one. */
    public Skill skill(QueueMode mode, String playerId) {
        return skill(redis.hmget(MatchKeys.rating(mode, playerId), "mu", "sigma"));
    }

    private static Skill skill(List<String> values) {
        try {
            if (values.get(0) != null && values.get(1) != null) {
                return new Skill(Double.parseDouble(values.get(0)), Double.parseDouble(values.get(1)));
            }
        } catch (IllegalArgumentException e) {
            // A malformed rating must not keep a player out of matchmaking: fall back to the default.
        }
        return Skill.DEFAULT;
    }
}
