package io.skirmish.logship;

import static io.skirmish.logship.ShipperFakes.records;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.logship.source.ReadAhead;
import io.skirmish.logship.source.StreamRecord;
import org.junit.jupiter.api.Test;

class ReadStageTest {

    private static final long START_NS = 5_000_000_000L;

    private final LogShipperConfig config = ShipperFakes.config().toBuilder().readBatch(3)
            .claimIdle(Duration.ofSeconds(30)).build();
    private final ShipperFakes.InMemoryEventStream stream = new ShipperFakes.InMemoryEventStream();
    private final InFlight inFlight = new InFlight(100, 1 << 20);
    private final ReadStage stage = new ReadStage(config, stream,
            new ReadAhead(stream, new ShipperFakes.CallerThreadExecutor()), inFlight,
            new ShipperMetrics(new SimpleMeterRegistry()), START_NS);

    private static List<String> ids(List<StreamRecord> records) {
        return records.stream().map(StreamRecord::entryId).toList();
    }

    @Test
    void reReadsItsOwnPendingEntriesBeforeAnyNewOne() {
        stream.ownPending.addAll(records(1, 4));
        stream.undelivered.addAll(records(10, 2));

        assertThat(ids(stage.read(100))).containsExactly("1-0", "2-0", "3-0");
        assertThat(ids(stage.read(100))).containsExactly("4-0");
        assertThat(stage.read(100)).isEmpty(); // own pending exhausted: from now on new entries
        assertThat(stage.read(100)).isEmpty(); // starts the first read ahead
        assertThat(ids(stage.read(100))).containsExactly("10-0", "11-0");
    }

    @Test
    void startsTheNextReadBeforeHandingOverTheLastOne() {
        stream.ownPending.clear();
        stage.read(100);
        stream.undelivered.addAll(records(1, 5));

        assertThat(stage.read(100)).isEmpty(); // this call started the read
        assertThat(stage.readInProgress()).isTrue();
        assertThat(stage.reserved()).isEqualTo(3);
        assertThat(ids(stage.read(100))).containsExactly("1-0", "2-0", "3-0");
        assertThat(stream.undelivered).extracting(StreamRecord::entryId).isEmpty(); // the next read took the rest
    }

    @Test
    void asksForNoMoreThanItHasRoomFor() {
        stream.ownPending.addAll(records(1, 4));

        assertThat(stage.read(2)).hasSize(2);
    }

    @Test
    void claimsAtOnceThenOncePerClaimPeriodAfterAFullPass() {
        stream.claimable.addAll(records(1, 2));

        assertThat(stage.claimDue(START_NS)).isTrue();
        assertThat(ids(stage.claim(START_NS, 100))).containsExactly("1-0", "2-0");

        long period = Duration.ofSeconds(15).toNanos(); // half the claim idle time
        assertThat(stage.claimDue(START_NS + period - 1)).isFalse();
        assertThat(stage.claimDue(START_NS + period)).isTrue();
    }

    @Test
    void keepsClaimingWhileAPassOverTheGroupIsUnderWay() {
        stream.claimable.addAll(records(1, 5));

        stage.claim(START_NS, 100); // 3 of 5: the cursor is not back at the start

        assertThat(stage.claimDue(START_NS)).isTrue();
    }

    @Test
    void leavesOutClaimedEntriesAlreadyInFlightHere() {
        StreamRecord mine = ShipperFakes.record(1);
        inFlight.add(new InFlightEvent(mine.entryId(), mine.eventId(), mine.type(), mine.doc(), "idx", START_NS));
        stream.claimable.addAll(records(1, 2));

        assertThat(ids(stage.claim(START_NS, 100))).containsExactly("2-0");
    }
}
