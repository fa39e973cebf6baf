package io.skirmish.logship;

import static io.skirmish.logship.ShipperFakes.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.logship.source.StreamRecord;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;

class IndexStageTest {

    private static final long NOW_NS = 7_000_000_000L;

    private final LogShipperConfig config = ShipperFakes.config().toBuilder().maxDocBytes(256).build();
    private final ShipperFakes.InMemoryEventStream stream = new ShipperFakes.InMemoryEventStream();
    private final ShipperFakes.InMemoryDocumentIndex index = new ShipperFakes.InMemoryDocumentIndex();
    private final InFlight inFlight = new InFlight(100, 1 << 20);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ShipperMetrics metrics = new ShipperMetrics(registry);
    private final AckStage acks = new AckStage(config, stream, inFlight, metrics, new CachedEpochClock(), NOW_NS);
    private final IndexStage stage = new IndexStage(config, index, inFlight, acks, metrics);

    private String deadReason() {
        acks.write();
        return stream.deadLetters.get(0).reason();
    }

    @Test
    void submitsAGoodEntryToItsDailyIndexAndHoldsItInFlight() {
        assertThat(stage.accept(List.of(record(1)), NOW_NS)).isEqualTo(1);

        assertThat(index.submitted).singleElement().satisfies(event -> {
            assertThat(event.eventId()).isEqualTo("e-1");
            assertThat(event.index()).isEqualTo("skirmish-events-2026.12.07");
            assertThat(event.readAtNs()).isEqualTo(NOW_NS);
        });
        assertThat(inFlight.contains("1-0")).isTrue();
    }

    @Test
    void takesAnEntryAlreadyInFlightOnlyOnce() {
        stage.accept(List.of(record(1)), NOW_NS);
        stage.accept(List.of(record(1)), NOW_NS);

        assertThat(index.submitted).hasSize(1);
    }

    @Test
    void acknowledgesAnEntryTrimmedFromTheStreamWithoutSendingIt() {
        stage.accept(List.of(new StreamRecord("1-0", null, null, null)), NOW_NS);
        acks.write();

        assertThat(index.submitted).isEmpty();
        assertThat(stream.acked).containsExactly("1-0");
    }

    @Test
    void deadLettersAnEntryWithoutAnId() {
        stage.accept(List.of(new StreamRecord("1-0", "", "t", "{}".getBytes(StandardCharsets.UTF_8))), NOW_NS);

        assertThat(deadReason()).isEqualTo("invalid_entry: missing the id or doc field");
        assertThat(stream.acked).containsExactly("1-0");
    }

    @Test
    void deadLettersAnIdLongerThanElasticsearchAllows() {
        String id = "é".repeat(257); // 257 characters, 514 bytes
        stage.accept(List.of(new StreamRecord("1-0", id, "t", record(1).doc())), NOW_NS);

        assertThat(deadReason()).isEqualTo("invalid_entry: id longer than 512 bytes");
    }

    @Test
    void deadLettersADocumentOverTheSizeLimitWithoutSendingIt() {
        byte[] big = ("{\"@timestamp\":\"2026-12-07T10:00:00Z\",\"pad\":\"" + "x".repeat(300) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        stage.accept(List.of(new StreamRecord("1-0", "e-1", "t", big)), NOW_NS);

        assertThat(index.submitted).isEmpty();
        assertThat(deadReason()).startsWith("invalid_document:").contains("limit 256");
        assertThat(metrics.deadInvalid.count()).isEqualTo(1.0);
    }

    @Test
    void sendsARetryAgainOnlyOnceItIsDue() {
        stage.accept(List.of(record(1)), NOW_NS);
        InFlightEvent event = index.submitted.remove(0);

        stage.retryAt(event, NOW_NS + 1_000);

        assertThat(stage.resubmitDue(NOW_NS + 999)).isZero();
        assertThat(stage.resubmitDue(NOW_NS + 1_000)).isEqualTo(1);
        assertThat(index.submitted).containsExactly(event);
        assertThat(event.attempts()).isEqualTo(2);
    }
}
