package io.skirmish.game.events;

import java.util.List;

import io.skirmish.protocol.contract.EventStreams;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/** Appends a batch with one pipelined round trip of {@code XADD}s (single node or cluster). */
public final class RedisStreamWriter implements StreamWriter {

    private final UnifiedJedis redis;

    public RedisStreamWriter(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public boolean append(List<StreamEntry> entries) {
        if (entries.isEmpty()) {
            return true;
        }
        try (AbstractPipeline pipeline = redis.pipelined()) {
            XAddParams params = XAddParams.xAddParams();
            for (StreamEntry entry : entries) {
                pipeline.xadd(EventStreams.bytes(entry.stream()), params, entry.fields());
            }
            pipeline.sync();
            return true;
        } catch (JedisException e) {
            return false;
        }
    }
}
