package io.skirmish.logship;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.logship.sink.ItemOutcome;
import io.skirmish.logship.source.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "outcome": acts on what Elasticsearch answered, item by item. Indexed or already there
 * (409): done, to acknowledge. Rejected (400/413): done, to dead-letter. Anything else: sent
 * again after an exponential backoff with jitter, only that document. Loop thread only.
 */
final class OutcomeStage {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeStage.class);
    private static final int OUTCOMES_PER_TURN = 50_000;
    private static final int MAX_REASON_LOGGED = 160;

    private final LogShipperConfig config;
    private final BlockingQueue<List<ItemOutcome>> answers;
    private final InFlight inFlight;
    private final IndexStage index;
    private final AckStage acks;
    private final ShipperMetrics metrics;
    private final DoubleSupplier random;
    private final RateLimitedLog rateLimitedLog = RateLimitedLog.perMinute(LOG);

    /** @param random uniform in [0, 1), for the retry jitter */
    OutcomeStage(LogShipperConfig config, BlockingQueue<List<ItemOutcome>> answers, InFlight inFlight,
                 IndexStage index, AckStage acks, ShipperMetrics metrics, DoubleSupplier random) {
        this.config = config;
        this.answers = answers;
        this.inFlight = inFlight;
        this.index = index;
        this.acks = acks;
        this.metrics = metrics;
        this.random = random;
    }

    /** Handles the answers that have arrived (bounded per turn); returns the items handled. */
    int drain(long nowNs) {
        int handled = 0;
        List<ItemOutcome> answer;
        while (handled < OUTCOMES_PER_TURN && (answer = answers.poll()) != null) {
            handled += onAnswer(answer, nowNs);
        }
        return handled;
    }

    /** Waits up to {@code timeoutMs} for one answer and handles it (the loop's idle wait). */
    void awaitAnswer(long timeoutMs, long nowNs) throws InterruptedException {
        List<ItemOutcome> answer = answers.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (answer != null) {
            onAnswer(answer, nowNs);
        }
    }

    /** The outcomes of one bulk request; counters move once per request, not once per document. */
    int onAnswer(List<ItemOutcome> answer, long nowNs) {
        int indexed = 0;
        int duplicates = 0;
        for (ItemOutcome outcome : answer) {
            switch (outcome.result()) {
                case INDEXED -> indexed++;
                case DUPLICATE -> duplicates++;
                default -> {
                }
            }
            onOutcome(outcome, nowNs);
        }
        metrics.indexed.increment(indexed);
        metrics.duplicates.increment(duplicates);
        return answer.size();
    }

    private void onOutcome(ItemOutcome outcome, long nowNs) {
        InFlightEvent event = outcome.event();
        switch (outcome.result()) {
            case INDEXED, DUPLICATE -> {
                inFlight.done(event);
                acks.ack(event.entryId());
            }
            case REJECTED -> {
                metrics.deadRejected.increment();
                inFlight.done(event);
                acks.deadLetter(new StreamRecord(event.entryId(), event.eventId(), event.type(), event.doc()),
                        outcome.status(), outcome.reason());
                rateLimitedLog.warn("rejected", "document rejected, dead-lettered eventId={} status={} reason={}",
                        event.eventId(), outcome.status(), shorten(outcome.reason()));
            }
            case RETRY -> {
                retryCounter(outcome.status()).increment();
                index.retryAt(event, nowNs + backoffNs(event.attempts()));
                if (outcome.status() != 0) {
                    rateLimitedLog.warn("retry", "document will be retried eventId={} status={} attempts={} reason={}",
                            event.eventId(), outcome.status(), event.attempts(), shorten(outcome.reason()));
                } else {
                    rateLimitedLog.warn("retry-unreachable", "elasticsearch did not answer, retrying {} in-flight "
                            + "documents: {}", inFlight.size(), outcome.reason());
                }
            }
        }
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= MAX_REASON_LOGGED ? reason
                : reason.substring(0, MAX_REASON_LOGGED) + "...";
    }

    private Counter retryCounter(int status) {
        if (status == 429) {
            return metrics.retried429;
        }
        if (status >= 500) {
            return metrics.retried5xx;
        }
        return status == 0 ? metrics.retriedUnreachable : metrics.retriedOther;
    }

    /** Exponential from the minimum, capped, with 20 % jitter so retries of many shippers spread out. */
    long backoffNs(int attempts) {
        long min = config.retryMinBackoff().toNanos();
        long max = config.retryMaxBackoff().toNanos();
        long backoff = min;
        for (int i = 1; i < attempts && backoff < max; i++) {
            backoff *= 2;
        }
        backoff = Math.min(backoff, max);
        return (long) (backoff * (0.8 + 0.4 * random.getAsDouble()));
    }
}
