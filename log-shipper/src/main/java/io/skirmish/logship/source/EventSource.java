package io.skirmish.logship.source;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.protocol.contract.EventStreams;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamEntryBinary;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * The Redis side of the shipper: the consumer group on the events stream, the dead-letter stream,
 * and nothing else. Every stream command the shipper sends is here; each is one round trip and
 * works the same on a single node and on a cluster (each command names one key).
 *
 * <p>Thread-safe as far as Redis goes ({@link UnifiedJedis} pools connections): the shipper loop
 * reads, claims and acknowledges; the lag probe calls {@link #groupState()} from its own thread.
 */
public final class EventSource implements EventStream {

    /** Longest dead-letter reason kept, so a huge Elasticsearch message cannot bloat the stream. */
    private static final int MAX_REASON_CHARS = 2_000;

    private final UnifiedJedis redis;
    private final String stream;
    private final String group;
    private final String consumer;
    private final String deadLetterStream;
    private final long deadLetterMaxLen;
    private final InstantSource clock;
    private final byte[] streamBytes;
    private final byte[] groupBytes;
    private final byte[] consumerBytes;

    public EventSource(UnifiedJedis redis, String stream, String group, String consumer, String deadLetterStream,
                       long deadLetterMaxLen, InstantSource clock) {
        this.redis = redis;
        this.stream = stream;
        this.group = group;
        this.consumer = consumer;
        this.deadLetterStream = deadLetterStream;
        this.deadLetterMaxLen = deadLetterMaxLen;
        this.clock = clock;
        this.streamBytes = EventStreams.bytes(stream);
        this.groupBytes = EventStreams.bytes(group);
        this.consumerBytes = EventStreams.bytes(consumer);
    }

    public String stream() {
        return stream;
    }

    @Override
    public String consumer() {
        return consumer;
    }

    /**
     * Creates the group at the start of the stream (creating the stream if needed), so a first
     * shipper ships everything already there. A group that exists is left as it is.
     */
    public void createGroup() {
        try {
            redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /**
     * This consumer's own pending entries after {@code after} (XREADGROUP with an id): what a
     * restarted shipper with the same name had read and not acknowledged before it stopped.
     */
    @Override
    public List<StreamRecord> readOwnPending(String after, int count) {
        return read(new StreamEntryID(after), count, 0);
    }

    /** Entries never delivered to the group (XREADGROUP {@code >}), waiting up to {@code blockMs} for some. */
    @Override
    public List<StreamRecord> readNew(int count, int blockMs) {
        return read(StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY, count, blockMs);
    }

    private List<StreamRecord> read(StreamEntryID from, int count, int blockMs) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count);
        if (blockMs > 0) {
            params.block(blockMs);
        }
        // The binary API: documents stay bytes from the socket to the bulk request.
        List<Map.Entry<byte[], List<StreamEntryBinary>>> answer = redis.xreadGroupBinary(groupBytes, consumerBytes,
                params, Map.of(streamBytes, from));
        List<StreamRecord> records = new ArrayList<>();
        if (answer == null) {
            return records;
        }
        for (Map.Entry<byte[], List<StreamEntryBinary>> perStream : answer) {
            for (StreamEntryBinary entry : perStream.getValue()) {
                records.add(StreamRecord.ofBinary(entry.getID().toString(), entry.getFields()));
            }
        }
        return records;
    }

    /** One XAUTOCLAIM step: entries idle for at least {@code minIdleMs} from {@code cursor}, now ours. */
    @Override
    public Claimed claim(String cursor, long minIdleMs, int count) {
        Map.Entry<StreamEntryID, List<StreamEntry>> answer = redis.xautoclaim(stream, group, consumer, minIdleMs,
                new StreamEntryID(cursor), XAutoClaimParams.xAutoClaimParams().count(count));
        List<StreamRecord> records = new ArrayList<>();
        for (StreamEntry entry : answer.getValue()) {
            records.add(StreamRecord.of(entry.getID().toString(), entry.getFields()));
        }
        return new Claimed(answer.getKey().toString(), records);
    }

    /** What a claim step returned, and where the next one starts ({@code 0-0} once round). */
    public record Claimed(String nextCursor, List<StreamRecord> records) {
    }

    /**
     * Resets the idle time of entries this consumer is still working on (XCLAIM JUSTID to itself),
     * so that other shippers do not claim them during a long Elasticsearch outage.
     */
    @Override
    public void touch(List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return;
        }
        redis.xclaimJustId(streamBytes, groupBytes, consumerBytes, 0, XClaimParams.xClaimParams(), ids(entryIds));
    }

    @Override
    public long ack(List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return 0;
        }
        return redis.xack(streamBytes, groupBytes, ids(entryIds));
    }

    /**
     * Appends a permanently rejected document to the dead-letter stream with why, and where it came
     * from. Called before the entry is acknowledged, so a crash in between dead-letters it twice
     * (at least once); {@code entry} lets an operator see that. {@code failedAtMs}: when the
     * shipper decided, which a Redis outage may put well before this write.
     */
    @Override
    public void deadLetter(StreamRecord record, int status, String reason, long failedAtMs) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(EventStreams.FIELD_ID, record.eventId() == null ? "" : record.eventId());
        fields.put(EventStreams.FIELD_TYPE, record.type() == null ? "" : record.type());
        fields.put(EventStreams.FIELD_DOC, record.doc() == null ? "" : new String(record.doc(),
                StandardCharsets.UTF_8));
        fields.put("reason", reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        fields.put("status", Integer.toString(status));
        fields.put("entry", record.entryId());
        fields.put("stream", stream);
        fields.put("consumer", consumer);
        fields.put("failed_at_ms", Long.toString(failedAtMs));
        redis.xadd(deadLetterStream, XAddParams.xAddParams().maxLen(deadLetterMaxLen).approximateTrimming(), fields);
    }

    /**
     * Lag of the group: undelivered and pending entries, and the age of the oldest entry not yet
     * acknowledged (the oldest pending one, else the first undelivered one).
     */
    public GroupState groupState() {
        long undelivered = -1;
        long pending = 0;
        long consumers = 0;
        StreamEntryID lastDelivered = null;
        boolean found = false;
        for (StreamGroupInfo info : redis.xinfoGroups(stream)) {
            if (group.equals(info.getName())) {
                found = true;
                pending = info.getPending();
                consumers = info.getConsumers();
                lastDelivered = info.getLastDeliveredId();
                Object lag = info.getGroupInfo().get("lag");
                if (lag instanceof Long value) {
                    undelivered = value;
                }
            }
        }
        if (!found) {
            return new GroupState(redis.xlen(stream), 0, 0, 0);
        }
        long oldestAppendMs = -1;
        if (pending > 0) {
            StreamPendingSummary summary = redis.xpending(stream, group);
            if (summary.getMinId() != null) {
                oldestAppendMs = summary.getMinId().getTime();
            }
        } else if (undelivered != 0 && lastDelivered != null) {
            List<StreamEntry> next = redis.xrange(stream, "(" + lastDelivered, "+", 1);
            if (!next.isEmpty()) {
                oldestAppendMs = next.get(0).getID().getTime();
            }
        }
        long oldestAgeMs = oldestAppendMs < 0 ? 0 : Math.max(0, clock.millis() - oldestAppendMs);
        return new GroupState(undelivered, pending, oldestAgeMs, consumers);
    }

    /** As Redis reads them: the ids go out as the text they came in as, with no parsing on the way. */
    private static byte[][] ids(List<String> entryIds) {
        byte[][] ids = new byte[entryIds.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = entryIds.get(i).getBytes(StandardCharsets.US_ASCII);
        }
        return ids;
    }
}
