package io.skirmish.game.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.MatchResult;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

/** Stored results checked once they had time to be durable; the store is a fake, the clock too. */
class ResultRetentionTest {

    private final CachedNanoClock clock = new CachedNanoClock();
    private final PublisherFixtures.InMemoryStreamWriter writer = new PublisherFixtures.InMemoryStreamWriter();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ResultRetention retention = new ResultRetention(writer, clock, registry);

    private MatchResult store(String matchId) {
        MatchResult result = MatchResult.newBuilder().setMatchId(matchId).build();
        String id = writer.append(List.of(new StreamEntry(EventStreams.RESULTS,
                EventStreams.resultFields(matchId, result.toByteArray())))).orElseThrow().get(0);
        retention.stored(result, id);
        return result;
    }

    @Test
    void asksNothingBeforeAResultHadTheTimeToBeDurable() {
        store("m-1");
        writer.loseLast(1);
        clock.advance(ResultRetention.DURABLE_AFTER_NS - 1);

        assertThat(retention.lost()).isEmpty();
        assertThat(writer.checks).isZero();
        assertThat(retention.size()).isEqualTo(1);
    }

    @Test
    void forgetsAResultTheStoreStillHoldsOnceItHadTheTimeToBeDurable() {
        store("m-1");
        clock.advance(ResultRetention.DURABLE_AFTER_NS);

        assertThat(retention.lost()).isEmpty();
        assertThat(writer.checks).isEqualTo(1);
        assertThat(retention.size()).isZero();
        assertThat(registry.counter("game.results.resent").count()).isZero();
    }

    @Test
    void handsBackOnlyTheResultsTheStoreLost() {
        store("m-1");
        MatchResult second = store("m-2");
        writer.loseLast(1); // the crash took the end of the log: m-2's entry
        clock.advance(ResultRetention.DURABLE_AFTER_NS);

        assertThat(retention.lost()).containsExactly(second);
        assertThat(retention.size()).isZero();
        assertThat(registry.counter("game.results.resent").count()).isEqualTo(1.0);
        assertThat(registry.get("game.results.unconfirmed").gauge().value()).isZero();
    }

    @Test
    void takesAnEntryUnderTheSameIdWithAnotherMatchForALoss() {
        MatchResult lost = store("m-1");
        writer.held.put(writer.held.keySet().iterator().next(), new StreamEntry(EventStreams.RESULTS,
                EventStreams.resultFields("m-9", new byte[0])));
        clock.advance(ResultRetention.DURABLE_AFTER_NS);

        assertThat(retention.lost()).containsExactly(lost);
    }

    @Test
    void checksOnlyTheDueResultsAndTheRestOnALaterCheck() {
        store("m-1");
        clock.advance(ResultRetention.DURABLE_AFTER_NS / 2);
        MatchResult later = store("m-2");
        clock.advance(ResultRetention.DURABLE_AFTER_NS / 2);

        assertThat(retention.lost()).isEmpty();
        assertThat(retention.size()).isEqualTo(1);

        writer.loseLast(1);
        clock.advance(ResultRetention.DURABLE_AFTER_NS / 2);
        assertThat(retention.lost()).containsExactly(later);
    }

    @Test
    void keepsEverythingWhileTheStoreCannotBeAskedAndChecksAtMostOnceASecond() {
        store("m-1");
        writer.loseLast(1);
        writer.refusing = true;
        clock.advance(ResultRetention.DURABLE_AFTER_NS);

        assertThat(retention.lost()).isEmpty();
        assertThat(retention.lost()).isEmpty();
        assertThat(writer.checks).isEqualTo(1);
        assertThat(retention.size()).isEqualTo(1);

        writer.refusing = false;
        clock.advance(ResultRetention.CHECK_EVERY_NS);
        assertThat(retention.lost()).extracting(MatchResult::getMatchId).containsExactly("m-1");
    }
}
