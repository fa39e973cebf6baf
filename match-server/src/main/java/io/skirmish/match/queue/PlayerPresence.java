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
 * 1 us for a SET and a compare-and-delete. Entries are written and deleted in batches
 * (pipelines; one script call per slot group). A stale entry (an instance that died) costs at
 * most a publish nobody delivers; the TTL removes it. Thread-safe.
 */
public final class PlayerPresence {

    /**
     * KEYS: presence entries (one slot group). ARGV: instance id, ttl ms. Deletes those that still
     * name it: one GETDEL each, and an entry naming another instance (the player logged in there
     * since) is put back with a fresh ttl, which its holder renews anyway.
     */
    static final LuaScript WITHDRAW_MANY = new LuaScript("match-presence-withdraw-many", """
            local deleted = 0
            for _, key in ipairs(KEYS) do
              local holder = redis.call('GETDEL', key)
              if holder == ARGV[1] then
                deleted = deleted + 1
              elseif holder then
                redis.call('SET', key, holder, 'PX', ARGV[2])
              end
            end
            return deleted
            """);

    private final UnifiedJedis redis;
    private final String instanceId;
    private final SetParams ttl;
    private final String ttlMs;
    private final SlotGroups slots;

    public PlayerPresence(UnifiedJedis redis, String instanceId, Duration ttl) {
        this.redis = redis;
        this.instanceId = instanceId;
        this.ttl = SetParams.setParams().px(ttl.toMillis());
        this.ttlMs = Long.toString(ttl.toMillis());
        this.slots = SlotGroups.of(redis);
    }

    /** Loads the script (start-up; a lost script is reloaded on its next call anyway). */
    public void loadScripts() {
        WITHDRAW_MANY.load(redis);
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
                replies.add(WITHDRAW_MANY.queue(pipeline, redis, group.keys(), List.of(instanceId, ttlMs)));
            }
            pipeline.sync();
        }
        replies.forEach(LuaScript.Queued::get); // surfaces NOSCRIPT by running it again
    }

    /** The instance holding each player's connection; players without an entry are left out. One pipeline. */
    public Map<String, String> locate(Collection<String> players) {
        Map<String, Response<String>> replies = new HashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String player : players) {
                replies.put(player, pipeline.get(MatchKeys.presence(player)));
            }
            pipeline.sync();
        }
        Map<String, String> located = new HashMap<>();
        replies.forEach((player, reply) -> {
            String instance = reply.get();
            if (instance != null) {
                located.put(player, instance);
            }
        });
        return located;
    }
}
