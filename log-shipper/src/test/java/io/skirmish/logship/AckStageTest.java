package io.skirmish.logship;

import static io.skirmish.logship.ShipperFakes.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class AckStageTest {

    private static final long START_NS = 3_000_000_000L;
    /** A third of the 30 s claim idle time. */
    private static final long TOUCH_AGE_NS = Duration.ofSeconds(10).toNanos();

    private final ShipperFakes.InMemoryEventStream stream = new ShipperFakes.InMemoryEventStream();
    private final InFlight inFlight = new InFlight(100, 1 << 20);
    private final ShipperMetrics metrics = new ShipperMetrics(new SimpleMeterRegistry());
    private final AckStage stage = new AckStage(ShipperFakes.config(), stream, inFlight, metrics,
            new CachedEpochClock(), START_NS);

    private void inFlightSince(long id, long readAtNs) {
        var record = record(id);
        inFlight.add(new InFlightEvent(record.entryId(), record.eventId(), record.type(), record.doc(), "i", readAtNs));
    }

    @Test
    void acknowledgesEverythingDoneInOneCall() {
        stage.ack("1-0");
        stage.ack("2-0");

        assertThat(stage.write()).isEqualTo(2);

        assertThat(stream.acked).containsExactly("1-0", "2-0");
        assertThat(stream.calls).isEqualTo(1);
        assertThat(metrics.acked.count()).isEqualTo(2.0);
        assertThat(stage.pending()).isZero();
    }

    @Test
    void acknowledgesADeadLetterOnlyAfterItIsWritten() {
        stage.deadLetter(record(1), 400, "bad");
        stream.failure = new JedisConnectionException("down");

        assertThatThrownBy(stage::write).isInstanceOf(JedisConnectionException.class);
        assertThat(stream.acked).isEmpty();
        assertThat(stage.pending()).isEqualTo(1);

        stream.failure = null;
        stage.write();

        assertThat(stream.deadLetters).extracting(ShipperFakes.DeadLetter::entryId).containsExactly("1-0");
        assertThat(stream.acked).containsExactly("1-0");
    }

    @Test
    void touchesEntriesInFlightLongerThanTheTouchAgeOncePerTouchAge() {
        inFlightSince(1, START_NS);
        inFlightSince(2, START_NS + TOUCH_AGE_NS / 2);

        stage.touchIfDue(START_NS + TOUCH_AGE_NS - 1);
        assertThat(stream.touched).isEmpty();

        stage.touchIfDue(START_NS + TOUCH_AGE_NS);
        assertThat(stream.touched).containsExactly(java.util.List.of("1-0"));

        stage.touchIfDue(START_NS + TOUCH_AGE_NS + TOUCH_AGE_NS / 2);
        assertThat(stream.touched).hasSize(1);
    }
}
