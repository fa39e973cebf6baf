package io.skirmish.logship;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.logship.sink.DocumentIndex;
import io.skirmish.logship.sink.ItemOutcome;
import io.skirmish.logship.source.EventSource;
import io.skirmish.logship.source.EventStream;
import io.skirmish.logship.source.StreamRecord;

/** In-memory ports and records for the shipper loop's stage tests. */
final class ShipperFakes {

    private ShipperFakes() {
    }

    static LogShipperConfig config() {
        return LogShipperConfig.builder("shipper-1", RedisAddress.parse("redis://127.0.0.1:6379"),
                URI.create("http://127.0.0.1:9200")).build();
    }

    static StreamRecord record(long id) {
        String doc = "{\"event_id\":\"e-" + id + "\",\"type\":\"match_formed\",\"@timestamp\":\"2026-12-07T10:00:00.000Z\"}";
        return new StreamRecord(id + "-0", "e-" + id, "match_formed", doc.getBytes(StandardCharsets.UTF_8));
    }

    static List<StreamRecord> records(long from, int count) {
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(from + i));
        }
        return records;
    }

    /** One dead letter as the stream got it. */
    record DeadLetter(String entryId, int status, String reason, long failedAtMs) {
    }

    /** The consumer group over lists: what is undelivered, pending with us, claimable from dead consumers. */
    static final class InMemoryEventStream implements EventStream {
        final List<StreamRecord> ownPending = new ArrayList<>();
        final List<StreamRecord> undelivered = new ArrayList<>();
        final List<StreamRecord> claimable = new ArrayList<>();
        final List<String> acked = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<List<String>> touched = new ArrayList<>();
        RuntimeException failure;
        int calls;

        private void call() {
            calls++;
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public String consumer() {
            return "shipper-1";
        }

        @Override
        public List<StreamRecord> readOwnPending(String after, int count) {
            call();
            return ownPending.stream().filter(r -> after.equals("0-0") || compare(r.entryId(), after) > 0)
                    .limit(count).toList();
        }

        @Override
        public List<StreamRecord> readNew(int count, int blockMs) {
            call();
            List<StreamRecord> taken = new ArrayList<>(undelivered.subList(0, Math.min(count, undelivered.size())));
            undelivered.subList(0, taken.size()).clear();
            return taken;
        }

        @Override
        public EventSource.Claimed claim(String cursor, long minIdleMs, int count) {
            call();
            List<StreamRecord> taken = new ArrayList<>(claimable.subList(0, Math.min(count, claimable.size())));
            claimable.subList(0, taken.size()).clear();
            return new EventSource.Claimed(claimable.isEmpty() ? "0-0" : claimable.get(0).entryId(), taken);
        }

        @Override
        public void touch(List<String> entryIds) {
            call();
            if (!entryIds.isEmpty()) {
                touched.add(List.copyOf(entryIds));
            }
        }

        @Override
        public long ack(List<String> entryIds) {
            call();
            acked.addAll(entryIds);
            return entryIds.size();
        }

        @Override
        public void deadLetter(StreamRecord record, int status, String reason, long failedAtMs) {
            call();
            deadLetters.add(new DeadLetter(record.entryId(), status, reason, failedAtMs));
        }

        private static int compare(String a, String b) {
            return Long.compare(StreamRecord.appendedAtMs(a), StreamRecord.appendedAtMs(b));
        }
    }

    /** An index that takes documents and answers when the test says so. */
    static final class InMemoryDocumentIndex implements DocumentIndex {
        final List<InFlightEvent> submitted = new ArrayList<>();
        final BlockingQueue<List<ItemOutcome>> outcomes = new LinkedBlockingQueue<>();
        int flushes;

        @Override
        public void submit(InFlightEvent event) {
            event.onAttempt();
            submitted.add(event);
        }

        @Override
        public boolean flushIfDue(long nowNs) {
            return false;
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public BlockingQueue<List<ItemOutcome>> outcomes() {
            return outcomes;
        }

        /** Answers every document submitted so far with {@code result} (one bulk answer), and forgets them. */
        void answerAll(ItemOutcome.Result result, int status, String reason) {
            List<ItemOutcome> answer = new ArrayList<>();
            for (InFlightEvent event : submitted) {
                answer.add(new ItemOutcome(event, result, status, reason));
            }
            submitted.clear();
            outcomes.add(answer);
        }
    }

    /** Runs each task on the caller's thread, so a read-ahead has finished when {@code request} returns. */
    static final class CallerThreadExecutor extends AbstractExecutorService {
        private boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
