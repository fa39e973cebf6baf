package io.skirmish.game.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.protocol.contract.EventStreams;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

class StreamAppenderTest {

    private final CachedNanoClock clock = new CachedNanoClock();
    private final PublisherFixtures.InMemoryStreamWriter writer = new PublisherFixtures.InMemoryStreamWriter();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamAppender appender = new StreamAppender(writer, clock, registry);
    private final List<String> afterwards = new ArrayList<>();

    private static StreamEntry entry(String stream) {
        return new StreamEntry(stream, Map.of());
    }

    @Test
    void appendsEverythingWaitingInOrderInOneCall() {
        StreamEntry first = entry(EventStreams.EVENTS);
        StreamEntry second = entry(EventStreams.RESULTS);
        appender.add(first);
        appender.add(second);

        assertThat(appender.appendIfDue()).isTrue();

        assertThat(writer.appended).containsExactly(first, second);
        assertThat(writer.calls).isEqualTo(1);
        assertThat(registry.counter("game.events.published").count()).isEqualTo(1.0);
        assertThat(registry.counter("game.results.published").count()).isEqualTo(1.0);
        assertThat(appender.pendingCount()).isZero();
    }

    @Test
    void runsTheFollowUpActionsOnlyOnceTheAppendSucceeded() {
        appender.add(entry(EventStreams.RESULTS));
        appender.afterAppend(() -> afterwards.add("release"));
        writer.refusing = true;

        appender.appendIfDue();
        assertThat(afterwards).isEmpty();

        writer.refusing = false;
        clock.advance(StreamAppender.MIN_RETRY_NS);
        appender.appendIfDue();
        assertThat(afterwards).containsExactly("release");
    }

    @Test
    void retriesARefusedBatchAfterABackoffThatDoublesUpToTwoSeconds() {
        appender.add(entry(EventStreams.EVENTS));
        writer.refusing = true;

        appender.appendIfDue();
        clock.advance(StreamAppender.MIN_RETRY_NS - 1);
        appender.appendIfDue();
        assertThat(writer.calls).isEqualTo(1);

        clock.advance(1);
        appender.appendIfDue();
        assertThat(writer.calls).isEqualTo(2);

        clock.advance(2 * StreamAppender.MIN_RETRY_NS - 1);
        appender.appendIfDue();
        assertThat(writer.calls).isEqualTo(2);
        clock.advance(1);
        appender.appendIfDue();
        assertThat(writer.calls).isEqualTo(3);

        for (int i = 0; i < 10; i++) {
            clock.advance(StreamAppender.MAX_RETRY_NS);
            appender.appendIfDue();
        }
        assertThat(writer.calls).isEqualTo(13);
        assertThat(registry.counter("game.events.append.failures").count()).isEqualTo(13.0);
    }

    @Test
    void startsAgainFromTheShortestBackoffAfterASuccess() {
        appender.add(entry(EventStreams.EVENTS));
        writer.refusing = true;
        appender.appendIfDue();
        clock.advance(StreamAppender.MIN_RETRY_NS);
        appender.appendIfDue(); // second failure: next wait 100 ms
        writer.refusing = false;
        clock.advance(2 * StreamAppender.MIN_RETRY_NS);
        appender.appendIfDue();

        writer.refusing = true;
        appender.add(entry(EventStreams.EVENTS));
        appender.appendIfDue();
        clock.advance(StreamAppender.MIN_RETRY_NS);
        writer.refusing = false;

        assertThat(appender.appendIfDue()).isTrue();
    }

    @Test
    void callsTheStoreOnlyWhenSomethingWaits() {
        assertThat(appender.appendIfDue()).isTrue();
        assertThat(writer.calls).isZero();
    }

    @Test
    void handsTheFollowUpTheIdTheStoreGaveItsEntry() {
        appender.add(entry(EventStreams.EVENTS));
        appender.add(entry(EventStreams.RESULTS));
        appender.afterAppendOfLast(afterwards::add);

        appender.appendIfDue();

        assertThat(afterwards).containsExactly("2-0");
    }
}
