package io.skirmish.game.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.skirmish.protocol.contract.EventStreams;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
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
    public Optional<List<String>> append(List<StreamEntry> entries) {
        if (entries.isEmpty()) {
            return Optional.of(List.of());
        }
        try (AbstractPipeline pipeline = redis.pipelined()) {
            XAddParams params = XAddParams.xAddParams();
            List<Response<byte[]>> replies = new ArrayList<>(entries.size());
            for (StreamEntry entry : entries) {
                replies.add(pipeline.xadd(EventStreams.bytes(entry.stream()), params, entry.fields()));
            }
            pipeline.sync();
            List<String> ids = new ArrayList<>(replies.size());
            for (Response<byte[]> reply : replies) {
                ids.add(new String(reply.get(), java.nio.charset.StandardCharsets.US_ASCII));
            }
            return Optional.of(ids);
        } catch (JedisException e) {
            return Optional.empty();
        }
    }

    /** One pipelined round trip of {@code XRANGE id id}, one per entry. */
    @Override
    public Optional<Set<String>> missing(String stream, Map<String, String> entries) {
        if (entries.isEmpty()) {
            return Optional.of(Set.of());
        }
        try (AbstractPipeline pipeline = redis.pipelined()) {
            Map<String, Response<List<redis.clients.jedis.resps.StreamEntry>>> replies = new LinkedHashMap<>();
            for (String id : entries.keySet()) {
                StreamEntryID entryId = new StreamEntryID(id);
                replies.put(id, pipeline.xrange(stream, entryId, entryId, 1));
            }
            pipeline.sync();
            Set<String> missing = new HashSet<>();
            replies.forEach((id, reply) -> {
                List<redis.clients.jedis.resps.StreamEntry> found = reply.get();
                // Same id, other record: the stream lost the entry and a later one took its id.
                if (found.isEmpty() || !entries.get(id).equals(found.get(0).getFields().get(EventStreams.FIELD_ID))) {
                    missing.add(id);
                }
            });
            return Optional.of(missing);
        } catch (JedisException e) {
            return Optional.empty();
        }
    }
}
