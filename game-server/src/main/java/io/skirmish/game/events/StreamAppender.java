package io.skirmish.game.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.protocol.contract.EventStreams;
import org.agrona.concurrent.NanoClock;

/**
 * The publisher's way to Redis: entries of both outputs (events and results) wait here, in order,
 * and go in one append; what Redis refuses stays and is sent again with a backoff (50 ms doubling
 * to 2 s) on the nano clock. Actions that must follow an append (freeing a match's slot, keeping a
 * result's entry id) run only once it succeeded. Publisher thread only.
 */
final class StreamAppender {

    static final long MIN_RETRY_NS = 50_000_000L;
    static final long MAX_RETRY_NS = 2_000_000_000L;

    private final StreamWriter writer;
    private final NanoClock nanoClock;
    private final List<StreamEntry> pending = new ArrayList<>();
    private final List<FollowUp> afterAppend = new ArrayList<>();
    private final Counter eventsPublished;
    private final Counter resultsPublished;
    private final Counter appendFailures;
    private long retryAtNs;
    private long retryBackoffNs = MIN_RETRY_NS;

    StreamAppender(StreamWriter writer, NanoClock nanoClock, MeterRegistry registry) {
        this.writer = writer;
        this.nanoClock = nanoClock;
        this.eventsPublished = registry.counter("game.events.published");
        this.resultsPublished = registry.counter("game.results.published");
        this.appendFailures = registry.counter("game.events.append.failures");
    }

    void add(StreamEntry entry) {
        pending.add(entry);
    }

    /** An action to run once appended, with the id the store gave entry {@code index} (none: -1). */
    private record FollowUp(int index, Consumer<String> action) {
    }

    /** Runs {@code action} after the entries added so far are appended. */
    void afterAppend(Runnable action) {
        afterAppend.add(new FollowUp(-1, id -> action.run()));
    }

    /** Runs {@code action} with the entry id the store gave the entry added last, once it is appended. */
    void afterAppendOfLast(Consumer<String> action) {
        if (pending.isEmpty()) {
            throw new IllegalStateException("no entry waits to be appended");
        }
        afterAppend.add(new FollowUp(pending.size() - 1, action));
    }

    int pendingCount() {
        return pending.size();
    }

    /** Appends what waits unless a retry is not due yet; true when nothing waits afterwards. */
    boolean appendIfDue() {
        if (pending.isEmpty()) {
            return true;
        }
        if (nanoClock.nanoTime() < retryAtNs) {
            return false;
        }
        Optional<List<String>> ids = writer.append(pending);
        if (ids.isEmpty()) {
            appendFailures.increment();
            // From the end of the failed call: a call that timed out must not be retried at once.
            retryAtNs = nanoClock.nanoTime() + retryBackoffNs;
            retryBackoffNs = Math.min(retryBackoffNs * 2, MAX_RETRY_NS);
            return false;
        }
        retryBackoffNs = MIN_RETRY_NS;
        for (StreamEntry entry : pending) {
            (EventStreams.RESULTS.equals(entry.stream()) ? resultsPublished : eventsPublished).increment();
        }
        pending.clear();
        for (FollowUp followUp : afterAppend) {
            followUp.action().accept(followUp.index() < 0 ? null : ids.get().get(followUp.index()));
        }
        afterAppend.clear();
        return true;
    }
}
