package io.skirmish.match.queue;

import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Skill;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-player keys: the queue index that keeps a player in at most one live ticket
 * ({@code skirmish:queued:{<playerId>}}), and the rating the ranking-server keeps
 * ({@code skirmish:{rk}:rating:<mode>:<playerId>}, fields {@code mu}, {@code sigma}).
 *
 * <p>The index is what makes "no player in two matches" hold across queues and parties: a
 * ticket is only written after every one of its players' index entries names it, and an entry
 * is removed only after its ticket left the queue. An entry whose ticket no longer exists (its
 * instance died between the two steps) is stale and is taken over by the next join.
 */
public final class PlayerDirectory {

    private final UnifiedJedis redis;

    public PlayerDirectory(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Where a player's ticket is. */
    public record Entry(QueueMode mode, String region, String ticketId) {
        public MatchKeys.Queue queue() {
            return new MatchKeys.Queue(mode, region);
        }

        String encode() {
            return mode.wireName() + "|" + region + "|" + ticketId;
        }

        static Entry decode(String text) {
            if (text == null) {
                return null;
            }
            String[] parts = text.split("\\|");
            QueueMode mode = parts.length == 3 ? QueueMode.fromWireName(parts[0]) : null;
            return mode == null ? null : new Entry(mode, parts[1], parts[2]);
        }
    }

    /** The player's current ticket, or null. */
    public Entry lookup(String playerId) {
        return Entry.decode(redis.get(MatchKeys.queued(playerId)));
    }

    /**
     * Points every player's index at {@code entry}, all or none. Returns the first player that is
     * already in a live ticket, or null on success.
     */
    public String reserve(List<String> playerIds, Entry entry, long ttlMs) {
        List<String> done = new ArrayList<>();
        String value = entry.encode();
        for (String player : playerIds) {
            String key = MatchKeys.queued(player);
            boolean set = "OK".equals(redis.set(key, value, SetParams.setParams().nx().px(ttlMs)));
            if (!set) {
                String existing = redis.get(key);
                Entry other = Entry.decode(existing);
                boolean stale = existing != null && (other == null || isOver(other));
                set = stale && ((Long) redis.eval(QueueScripts.REPLACE_IF, List.of(key),
                        List.of(existing, value, Long.toString(ttlMs)))) == 1L;
                if (!set && existing == null) {
                    set = "OK".equals(redis.set(key, value, SetParams.setParams().nx().px(ttlMs)));
                }
            }
            if (!set) {
                release(done, entry);
                return player;
            }
            done.add(player);
        }
        return null;
    }

    /** A ticket that is gone or already matched no longer holds its players. */
    private boolean isOver(Entry entry) {
        String state = redis.hget(entry.queue().ticket(entry.ticketId()), "state");
        return state == null || "matched".equals(state);
    }

    /** Removes the players' entries that still name {@code entry}'s ticket. */
    public void release(List<String> playerIds, Entry entry) {
        String value = entry.encode();
        for (String player : playerIds) {
            redis.eval(QueueScripts.DELETE_IF, List.of(MatchKeys.queued(player)), List.of(value));
        }
    }

    /** The player's rating, or {@link Skill#DEFAULT} for a new (or unreadable) one. */
    public Skill skill(QueueMode mode, String playerId) {
        List<String> values = redis.hmget(MatchKeys.rating(mode, playerId), "mu", "sigma");
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
