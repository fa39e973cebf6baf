package io.skirmish.logship;

import static io.skirmish.logship.ShipperFakes.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.logship.sink.ItemOutcome;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;

class OutcomeStageTest {

    private static final long NOW_NS = 9_000_000_000L;
    private static final long NOW_MS = 1_800_000_000_000L;

    /** min 100 ms, max 5 s (the defaults). */
    private final LogShipperConfig config = ShipperFakes.config();
    private final ShipperFakes.InMemoryEventStream stream = new ShipperFakes.InMemoryEventStream();
    private final ShipperFakes.InMemoryDocumentIndex index = new ShipperFakes.InMemoryDocumentIndex();
    private final InFlight inFlight = new InFlight(100, 1 << 20);
    private final ShipperMetrics metrics = new ShipperMetrics(new SimpleMeterRegistry());
    private final CachedEpochClock epochClock = new CachedEpochClock();
    private final AckStage acks = new AckStage(config, stream, inFlight, metrics, epochClock, NOW_NS);
    private final IndexStage indexStage = new IndexStage(config, index, inFlight, acks, metrics);
    /** Jitter input 0.5 gives a factor of exactly 1. */
    private final OutcomeStage stage = new OutcomeStage(config, index.outcomes(), inFlight, indexStage, acks, metrics,
            () -> 0.5);

    OutcomeStageTest() {
        epochClock.update(NOW_MS);
    }

    private void sendOne() {
        indexStage.accept(List.of(record(1)), NOW_NS);
    }

    @Test
    void acknowledgesADocumentIndexedNowOrAlreadyThere() {
        indexStage.accept(List.of(record(1), record(2)), NOW_NS);
        InFlightEvent first = index.submitted.get(0);
        InFlightEvent second = index.submitted.get(1);
        index.outcomes.add(List.of(new ItemOutcome(first, ItemOutcome.Result.INDEXED, 201, null),
                new ItemOutcome(second, ItemOutcome.Result.DUPLICATE, 409, "version_conflict")));

        assertThat(stage.drain(NOW_NS)).isEqualTo(2);
        acks.write();

        assertThat(stream.acked).containsExactly("1-0", "2-0");
        assertThat(inFlight.isEmpty()).isTrue();
        assertThat(metrics.indexed.count()).isEqualTo(1.0);
        assertThat(metrics.duplicates.count()).isEqualTo(1.0);
    }

    @Test
    void deadLettersARejectedDocumentStampedWhenItWasRejected() {
        sendOne();
        index.answerAll(ItemOutcome.Result.REJECTED, 400, "mapper_parsing_exception: bad field");
        stage.drain(NOW_NS);
        epochClock.advance(60_000); // Redis was down for a minute before the write

        acks.write();

        assertThat(stream.deadLetters).singleElement().isEqualTo(new ShipperFakes.DeadLetter("1-0", 400,
                "mapper_parsing_exception: bad field", NOW_MS));
        assertThat(stream.acked).containsExactly("1-0");
        assertThat(metrics.deadRejected.count()).isEqualTo(1.0);
    }

    @Test
    void sendsAFailedDocumentAgainAfterTheMinimumBackoffAndCountsTheCause() {
        sendOne();
        index.answerAll(ItemOutcome.Result.RETRY, 429, "es_rejected_execution_exception");

        stage.drain(NOW_NS);

        assertThat(inFlight.contains("1-0")).isTrue();
        assertThat(indexStage.resubmitDue(NOW_NS + Duration.ofMillis(100).toNanos() - 1)).isZero();
        assertThat(indexStage.resubmitDue(NOW_NS + Duration.ofMillis(100).toNanos())).isEqualTo(1);
        assertThat(metrics.retried429.count()).isEqualTo(1.0);
    }

    @Test
    void doublesTheBackoffPerAttemptUpToTheMaximum() {
        assertThat(stage.backoffNs(1)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(stage.backoffNs(2)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(stage.backoffNs(4)).isEqualTo(Duration.ofMillis(800).toNanos());
        assertThat(stage.backoffNs(30)).isEqualTo(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void spreadsRetriesByAtMostTwentyPercentEitherWay() {
        OutcomeStage low = new OutcomeStage(config, index.outcomes(), inFlight, indexStage, acks, metrics, () -> 0.0);
        OutcomeStage high = new OutcomeStage(config, index.outcomes(), inFlight, indexStage, acks, metrics,
                () -> 0.999_999);

        assertThat(low.backoffNs(1)).isEqualTo(Duration.ofMillis(80).toNanos());
        assertThat(high.backoffNs(1)).isLessThan(Duration.ofMillis(120).toNanos())
                .isGreaterThan(Duration.ofMillis(119).toNanos());
    }

    @Test
    void countsAnUnansweredRequestApartFromServerErrors() {
        sendOne();
        index.answerAll(ItemOutcome.Result.RETRY, 0, "connection refused");
        stage.drain(NOW_NS);

        assertThat(metrics.retriedUnreachable.count()).isEqualTo(1.0);
        assertThat(metrics.retried5xx.count()).isZero();
    }
}
