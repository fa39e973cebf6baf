package io.skirmish.match.queue;

import io.skirmish.kit.events.EventDoc;
import io.skirmish.protocol.contract.EventStreams;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@code queue_joined} and {@code match_formed} documents to {@code skirmish:events}
 * through a bounded in-memory hand-off, so a slow Redis never holds a request or a formation
 * round. When the hand-off is full the event is dropped and counted
 * ({@code match.events.dropped}): events are for dashboards, tickets are never in this path.
 *
 * <p>{@link #offer} is called from any thread; one daemon thread flushes in pipelined batches.
 */
public final class MatchEvents implements MatchmakerPorts.EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MatchEvents.class);
    private static final int CAPACITY = 65_536;
    private static final int BATCH = 512;

    private final UnifiedJedis redis;
    private final Counter dropped;
    private final BlockingQueue<EventDoc> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread flusher;
    private volatile boolean running = true;

    public MatchEvents(UnifiedJedis redis, Counter dropped) {
        this.redis = redis;
        this.dropped = dropped;
        this.flusher = new Thread(this::run, "match-events");
        flusher.setDaemon(true);
        flusher.start();
    }

    public void offer(EventDoc doc) {
        if (!pending.offer(doc)) {
            dropped.increment();
        }
    }

    private void run() {
        List<EventDoc> batch = new ArrayList<>(BATCH);
        while (running || !pending.isEmpty()) {
            try {
                EventDoc first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, BATCH - 1);
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped.increment(batch.size());
                LOG.warn("event batch lost events={} error={}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<EventDoc> batch) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            XAddParams params = XAddParams.xAddParams();
            for (EventDoc doc : batch) {
                pipeline.xadd(EventStreams.bytes(EventStreams.EVENTS), params, doc.streamFields());
            }
            pipeline.sync();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            flusher.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
