package io.skirmish.ranking.ingest;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.function.LongSupplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.kit.events.EventDoc;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.kit.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntryBinary;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * The consumer of {@code skirmish:results} in group {@code ranking}: reads bounded batches
 * (XREADGROUP), takes over entries that another consumer left pending longer than the claim
 * idle time (XAUTOCLAIM: that consumer died), applies them through {@link ResultApplier},
 * writes the {@code rating_changed} events and the dead letters, and only then acknowledges.
 *
 * <p>At-least-once delivery plus the match id as idempotency key make the effect exactly once:
 * a crash before the commit leaves the entry pending (claimed later, applied then); a crash
 * after the commit and before the acknowledgement makes the next delivery a duplicate, which
 * writes the events again (same event ids) and acknowledges. A result that other consumers'
 * commits keep refusing stays pending and is claimed again after the claim idle time; once it
 * has been delivered {@code maxDeliveries} times it goes to the dead letters (category
 * {@code deferred}) with its bytes, so a hot spot cannot keep it cycling forever.
 *
 * <p>{@link #doWork()} runs on one thread (the consumer's own, or a test's).
 */
public final class ResultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ResultConsumer.class);
    public static final String DEAD_STREAM = EventStreams.RESULTS_DEAD;
    /** Dead letters kept (approximately): enough for an operator, bounded for Redis. */
    private static final long DEAD_MAX_LEN = 100_000;
    private static final long STREAM_STATS_INTERVAL_MS = 1_000;
    private static final int MAX_PENDING_LOOKUP = 2_000;

    private final UnifiedJedis redis;
    private final ResultApplier applier;
    private final ResultParser parser = new ResultParser();
    private final ConsumerConfig config;
    private final IngestMetrics metrics;
    private final InstantSource clock;
    private final LongSupplier nanoClock;
    private final RateLimitedLog badInputLog = RateLimitedLog.perMinute(LOG);
    private final byte[] stream = EventStreams.bytes(EventStreams.RESULTS);
    private final byte[] group;
    private final byte[] consumer;
    private long nextClaimMs;
    private long nextStatsMs;
    private long reportedConflicts;

    public ResultConsumer(UnifiedJedis redis, ResultApplier applier, ConsumerConfig config, IngestMetrics metrics,
                          InstantSource clock, LongSupplier nanoClock) {
        this.redis = redis;
        this.applier = applier;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.group = EventStreams.bytes(config.group());
        this.consumer = EventStreams.bytes(config.consumerName());
    }

    /** One delivered entry; {@code deliveries} counts this one (1 for a first read). */
    public record Delivery(StreamEntryID id, Map<String, byte[]> fields, long deliveries) {
        public Delivery(StreamEntryID id, Map<String, byte[]> fields) {
            this(id, fields, 1);
        }
    }

    /** Creates the group (from the start of the stream, so results written before the first start count). */
    public void createGroup() {
        try {
            redis.xgroupCreate(EventStreams.RESULTS, config.group(), new StreamEntryID(), true);
            LOG.info("created consumer group stream={} group={}", EventStreams.RESULTS, config.group());
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** One duty cycle: claim abandoned entries when due, read and apply a batch. Returns entries handled. */
    public int doWork() {
        long now = clock.millis();
        int work = 0;
        if (now >= nextStatsMs) {
            nextStatsMs = now + STREAM_STATS_INTERVAL_MS;
            updateStreamStats();
        }
        if (now >= nextClaimMs) {
            nextClaimMs = now + config.claimInterval().toMillis();
            List<Delivery> claimed = claimAbandoned();
            if (!claimed.isEmpty()) {
                metrics.claimed(claimed.size());
                LOG.info("claimed abandoned results count={} consumer={}", claimed.size(), config.consumerName());
                process(claimed);
                work += claimed.size();
            }
        }
        List<Delivery> fresh = readNew();
        process(fresh);
        return work + fresh.size();
    }

    /** Reads up to a batch of undelivered entries, waiting at most the block time. */
    public List<Delivery> readNew() {
        List<Map.Entry<byte[], List<StreamEntryBinary>>> reply = redis.xreadGroupBinary(group, consumer,
                XReadGroupParams.xReadGroupParams().count(config.batchSize()).block((int) config.block().toMillis()),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        List<Delivery> deliveries = new ArrayList<>();
        if (reply == null) {
            return deliveries;
        }
        for (Map.Entry<byte[], List<StreamEntryBinary>> perStream : reply) {
            for (StreamEntryBinary entry : perStream.getValue()) {
                deliveries.add(new Delivery(entry.getID(), textKeys(entry.getFields())));
            }
        }
        return deliveries;
    }

    /** Takes over up to a batch of entries pending longer than the claim idle time. */
    public List<Delivery> claimAbandoned() {
        List<Object> reply = redis.xautoclaim(stream, group, consumer, config.claimIdle().toMillis(),
                EventStreams.bytes("0-0"), XAutoClaimParams.xAutoClaimParams().count(config.batchSize()));
        List<Delivery> deliveries = new ArrayList<>();
        if (reply == null || reply.size() < 2) {
            return deliveries;
        }
        for (Object raw : (List<?>) reply.get(1)) {
            List<?> entry = (List<?>) raw;
            StreamEntryID id = new StreamEntryID((byte[]) entry.get(0));
            Object fieldList = entry.get(1);
            if (fieldList == null) {
                continue;
            }
            List<?> flat = (List<?>) fieldList;
            Map<String, byte[]> fields = new LinkedHashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                fields.put(new String((byte[]) flat.get(i), StandardCharsets.UTF_8), (byte[]) flat.get(i + 1));
            }
            deliveries.add(new Delivery(id, fields));
        }
        return withDeliveryCounts(deliveries);
    }

    /** The claimed entries with how often each has been delivered (XPENDING; XAUTOCLAIM does not say). */
    private List<Delivery> withDeliveryCounts(List<Delivery> claimed) {
        if (claimed.isEmpty()) {
            return claimed;
        }
        Map<StreamEntryID, Long> counts = new HashMap<>();
        // XAUTOCLAIM answers in id order; our own pending entries between them are counted too, and ignored.
        for (StreamPendingEntry pending : redis.xpending(EventStreams.RESULTS, config.group(),
                XPendingParams.xPendingParams(claimed.get(0).id(), claimed.get(claimed.size() - 1).id(), MAX_PENDING_LOOKUP)
                        .consumer(config.consumerName()))) {
            counts.put(pending.getID(), pending.getDeliveredTimes());
        }
        List<Delivery> counted = new ArrayList<>(claimed.size());
        for (Delivery delivery : claimed) {
            counted.add(new Delivery(delivery.id(), delivery.fields(), counts.getOrDefault(delivery.id(), 1L)));
        }
        return counted;
    }

    /** Applies, writes events and dead letters, then acknowledges every entry that is settled. */
    public void process(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        long startNs = nanoClock.getAsLong();
        List<StreamEntryID> ack = new ArrayList<>(deliveries.size());
        List<EventDoc> events = new ArrayList<>();
        List<Map<byte[], byte[]>> deadLetters = new ArrayList<>();
        List<RatedMatch> toRate = new ArrayList<>(deliveries.size());
        List<Delivery> rated = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            try {
                ResultParser.Parsed parsed = parser.parse(delivery.fields());
                if (parsed instanceof ResultParser.Rate rate) {
                    toRate.add(rate.match());
                    rated.add(delivery);
                } else {
                    metrics.skipped();
                    ack.add(delivery.id());
                }
            } catch (MalformedResultException e) {
                deadLetters.add(deadLetter(delivery, e.category(), e.getMessage()));
                ack.add(delivery.id());
            }
        }
        List<ResultApplier.Outcome> outcomes = applier.apply(toRate);
        for (int i = 0; i < outcomes.size(); i++) {
            ResultApplier.Outcome outcome = outcomes.get(i);
            Delivery delivery = rated.get(i);
            if (outcome instanceof ResultApplier.Applied applied) {
                metrics.applied(toRate.get(i).mode());
                events.addAll(applied.changes().events());
                ack.add(delivery.id());
            } else if (outcome instanceof ResultApplier.Duplicate duplicate) {
                metrics.duplicate();
                if (duplicate.changes() != null) {
                    events.addAll(duplicate.changes().events());
                }
                ack.add(delivery.id());
            } else if (outcome instanceof ResultApplier.Rejected rejected) {
                deadLetters.add(deadLetter(delivery, rejected.category(), rejected.reason()));
                ack.add(delivery.id());
            } else if (delivery.deliveries() >= config.maxDeliveries()) {
                // Left pending on every delivery (commits kept conflicting): park it for an operator, not forever.
                deadLetters.add(deadLetter(delivery, "deferred", "left pending after " + delivery.deliveries()
                        + " deliveries, last: " + ((ResultApplier.Deferred) outcome).reason()));
                ack.add(delivery.id());
            } else {
                metrics.deferred();
            }
        }
        long conflicts = applier.conflicts();
        metrics.conflicts(conflicts - reportedConflicts);
        reportedConflicts = conflicts;
        writeThenAck(events, deadLetters, ack);
        metrics.batchTimer().record(nanoClock.getAsLong() - startNs, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private void writeThenAck(List<EventDoc> events, List<Map<byte[], byte[]>> deadLetters, List<StreamEntryID> ack) {
        if (!events.isEmpty() || !deadLetters.isEmpty()) {
            // Written before the acknowledgement: if this fails, the entries are delivered again.
            try (AbstractPipeline pipeline = redis.pipelined()) {
                XAddParams plain = XAddParams.xAddParams();
                for (EventDoc event : events) {
                    pipeline.xadd(EventStreams.bytes(EventStreams.EVENTS), plain, event.streamFields());
                }
                XAddParams bounded = XAddParams.xAddParams().maxLen(DEAD_MAX_LEN).approximateTrimming();
                for (Map<byte[], byte[]> letter : deadLetters) {
                    pipeline.xadd(EventStreams.bytes(DEAD_STREAM), bounded, letter);
                }
                pipeline.sync();
            }
            metrics.eventsWritten(events.size());
        }
        if (!ack.isEmpty()) {
            redis.xack(EventStreams.RESULTS, config.group(), ack.toArray(StreamEntryID[]::new));
        }
    }

    private Map<byte[], byte[]> deadLetter(Delivery delivery, String category, String reason) {
        metrics.dead(category);
        byte[] matchId = delivery.fields().get(EventStreams.FIELD_ID);
        badInputLog.warn("dead-" + category, "dead-lettered result entry={} matchId={} reason={}", delivery.id(),
                matchId == null ? "" : new String(matchId, StandardCharsets.UTF_8), reason);
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(EventStreams.bytes("id"), matchId == null ? new byte[0] : matchId);
        fields.put(EventStreams.bytes("entry"), EventStreams.bytes(delivery.id().toString()));
        fields.put(EventStreams.bytes("reason"), EventStreams.bytes(reason));
        fields.put(EventStreams.bytes("category"), EventStreams.bytes(category));
        fields.put(EventStreams.bytes("consumer"), consumer);
        fields.put(EventStreams.bytes("at_ms"), EventStreams.bytes(Long.toString(clock.millis())));
        byte[] result = delivery.fields().get(EventStreams.FIELD_RESULT);
        if (result != null) {
            fields.put(EventStreams.bytes("result"), result);
        }
        return fields;
    }

    private void updateStreamStats() {
        try {
            for (StreamGroupInfo info : redis.xinfoGroups(EventStreams.RESULTS)) {
                if (config.group().equals(info.getName())) {
                    Object lag = info.getGroupInfo().get("lag");
                    metrics.stream(lag instanceof Number number ? number.longValue() : -1, info.getPending());
                }
            }
        } catch (JedisDataException e) {
            metrics.stream(-1, -1);
        }
    }

    private static Map<String, byte[]> textKeys(Map<byte[], byte[]> fields) {
        Map<String, byte[]> text = new LinkedHashMap<>();
        fields.forEach((name, value) -> text.put(new String(name, StandardCharsets.UTF_8), value));
        return text;
    }

    public ConsumerConfig config() {
        return config;
    }
}
