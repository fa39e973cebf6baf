package io.skirmish.match.queue;

import io.skirmish.kit.redis.LuaScript;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which match-server instance holds each logged-in player's connection, so that a push for a
 * player connected elsewhere goes to that instance's channel ({@link MatchKeys#presence}, a
 * string with a TTL that the holder renews while the player stays connected).
 *
 * <p>This replaced a pub/sub channel per player: every login subscribed one and every close
 * unsubscribed it, which cost Redis 15-45 us per ticket with three instances, against about
 * 1 us for a SET and a compare-and-delete. A login writes its entry and reads the one it
 * replaces in one {@code SET ... GET} ({@link #claim}); renewals are written in batches
 * (pipelines) and withdrawals in one script call per slot group, two commands however many
 * players it withdraws. A stale entry (an instance that died) costs at most a publish nobody
 * delivers; the TTL removes it. Thread-safe.
 */
public final class PlayerPresence {

    /**
     * KEYS: presence entries (one slot group). ARGV: instance id. Deletes those that still name
     * it, leaving an entry that names another instance (the player logged in there since) as it
     * is: one MGET and one DEL per 1,000 keys, not a command per player.
     */
    static final LuaScript WITHDRAW_MANY = new LuaScript("match-presence-withdraw-many", LuaChunks.MGET_DEL + """
            local holders = mget_all(KEYS, 1, #KEYS)
            local doomed = {}
            for i = 1, #KEYS do
              if holders[i] == ARGV[1] then doomed[#doomed + 1] = KEYS[i] end
            end
            del_all(doomed)
            return #doomed
            """);

    private final UnifiedJedis redis;
    private final String instanceId;
    private final SetParams ttl;
    private final SlotGroups slots;

    public PlayerPresence(UnifiedJedis redis, String instanceId, Duration ttl) {
        this.redis = redis;
        this.instanceId = instanceId;
        this.ttl = SetParams.setParams().px(ttl.toMillis());
        this.slots = SlotGroups.of(redis);
    }

    /** Loads the script (start-up; a lost script is reloaded on its next call anyway). */
    public void loadScripts() {
        WITHDRAW_MANY.load(redis);
    }

    /**
     * Records this instance as the one holding the player's connection and returns the instance
     * that held it before (null: none), in one {@code SET ... GET}: a login needs both, and the
     * read and the write cannot be split by another login of the same player.
     */
    public String claim(String player) {
        return redis.setGet(MatchKeys.presence(player), instanceId, ttl);
    }

    /** Records (or renews) this instance as the one holding these players' connections: one pipeline. */
    public void announce(Collection<String> players) {
        if (players.isEmpty()) {
            return;
        }
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String player : players) {
                pipeline.set(MatchKeys.presence(player), instanceId, ttl);
            }
            pipeline.sync();
        }
    }

    /** Deletes these players' entries where they still name this instance (another may hold them now). */
    public void withdraw(Collection<String> players) {
        if (players.isEmpty()) {
            return;
        }
        List<String> keys = players.stream().map(MatchKeys::presence).toList();
        List<LuaScript.Queued> replies = new ArrayList<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (SlotGroups.Group group : slots.group(keys)) {
                replies.add(WITHDRAW_MANY.queue(pipeline, redis, group.keys(), List.of(instanceId)));
            }
            pipeline.sync();
        }
        replies.forEach(LuaScript.Queued::get); // surfaces NOSCRIPT by running it again
    }

    /**
     * The instance holding each player's connection; players without an entry are left out. One
     * MGET per slot group (one in all on a single Redis), in one pipeline.
     */
    public Map<String, String> locate(Collection<String> players) {
        List<String> ids = List.copyOf(players);
        List<String> keys = ids.stream().map(MatchKeys::presence).toList();
        List<SlotGroups.Group> groups = slots.group(keys);
        List<Response<List<String>>> replies = new ArrayList<>(groups.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (SlotGroups.Group group : groups) {
                replies.add(pipeline.mget(group.keys().toArray(String[]::new)));
            }
            pipeline.sync();
        }
        Map<String, String> located = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> holders = replies.get(g).get();
            List<Integer> indexes = groups.get(g).indexes();
            for (int k = 0; k < indexes.size(); k++) {
                if (holders.get(k) != null) {
                    located.put(ids.get(indexes.get(k)), holders.get(k));
                }
            }
        }
        return located;
    }
}
