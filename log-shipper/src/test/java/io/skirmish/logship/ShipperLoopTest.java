package io.skirmish.logship;

import static io.skirmish.logship.ShipperFakes.records;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.logship.sink.ItemOutcome;
import io.skirmish.logship.source.ReadAhead;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class ShipperLoopTest {

    private final CachedNanoClock nanoClock = new CachedNanoClock();
    private final ShipperFakes.InMemoryEventStream stream = new ShipperFakes.InMemoryEventStream();
    private final ShipperFakes.InMemoryDocumentIndex index = new ShipperFakes.InMemoryDocumentIndex();
    private final ShipperMetrics metrics = new ShipperMetrics(new SimpleMeterRegistry());

    private ShipperLoop loop(LogShipperConfig config) {
        nanoClock.update(1_000_000_000L);
        return new ShipperLoop(config, stream, new ReadAhead(stream, new ShipperFakes.CallerThreadExecutor()), index,
                metrics, new CachedEpochClock(), nanoClock);
    }

    private static void turns(ShipperLoop loop, int count) {
        for (int i = 0; i < count; i++) {
            loop.doWork();
        }
    }

    @Test
    void acknowledgesAnEntryOnlyAfterElasticsearchHasItsDocument() {
        ShipperLoop loop = loop(ShipperFakes.config());
        stream.undelivered.addAll(records(1, 3));

        turns(loop, 3); // own pending (none), start the read, take it

        assertThat(index.submitted).hasSize(3);
        assertThat(stream.acked).isEmpty();
        assertThat(metrics.inFlightEntries()).isEqualTo(3);

        index.answerAll(ItemOutcome.Result.INDEXED, 201, null);
        loop.doWork();

        assertThat(stream.acked).containsExactly("1-0", "2-0", "3-0");
        assertThat(metrics.inFlightEntries()).isZero();
    }

    @Test
    void stopsReadingAtTheInFlightBoundUntilAnswersComeBack() {
        ShipperLoop loop = loop(ShipperFakes.config().toBuilder().readBatch(2).maxInFlight(2).build());
        stream.undelivered.addAll(records(1, 5));

        turns(loop, 10);

        assertThat(index.submitted).hasSize(2);
        assertThat(stream.undelivered).hasSize(3);

        index.answerAll(ItemOutcome.Result.INDEXED, 201, null);
        turns(loop, 3);

        assertThat(index.submitted).hasSize(2);
        assertThat(stream.acked).hasSize(2);
    }

    @Test
    void pausesItsRedisStagesWithABackoffAfterARedisError() {
        ShipperLoop loop = loop(ShipperFakes.config());
        stream.failure = new JedisConnectionException("connection refused");

        loop.doWork();
        int callsAfterFailure = stream.calls;
        loop.doWork();
        nanoClock.advance(Duration.ofMillis(99).toNanos());
        loop.doWork();

        assertThat(stream.calls).isEqualTo(callsAfterFailure);
        assertThat(metrics.redisErrors.count()).isEqualTo(1.0);

        stream.failure = null;
        nanoClock.advance(Duration.ofMillis(1).toNanos());
        loop.doWork();

        assertThat(stream.calls).isGreaterThan(callsAfterFailure);
    }

    @Test
    void claimsTheEntriesOfADeadConsumerAndShipsThem() {
        ShipperLoop loop = loop(ShipperFakes.config());
        stream.claimable.addAll(records(7, 2));

        loop.doWork();

        assertThat(index.submitted).extracting(InFlightEvent::entryId).containsExactly("7-0", "8-0");
    }

    @Test
    void drainsAtStopAcknowledgingWhatWasAnswered() throws InterruptedException {
        ShipperLoop loop = loop(ShipperFakes.config());
        stream.undelivered.addAll(records(1, 2));
        turns(loop, 3);
        index.answerAll(ItemOutcome.Result.INDEXED, 201, null);

        loop.drain();

        assertThat(stream.acked).containsExactly("1-0", "2-0");
        assertThat(index.flushes).isGreaterThanOrEqualTo(1);
    }
}
