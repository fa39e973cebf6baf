package io.skirmish.game.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.tick.InboundDescriptor;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.game.tick.TickConfig;
import io.skirmish.game.tick.TickLane;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.game.world.MatchMode;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

/** The publisher agent fed by a real tick lane, both driven by fake clocks. */
class MatchEventPublisherTest {

    private static final int HZ = 30;
    private static final long START_MS = 1_800_000_000_000L;
    private static final Pattern TICK_AND_TIME = Pattern.compile("\"@timestamp\":\"([^\"]+)\".*\"tick\":(\\d+)");

    private final CachedNanoClock nanoClock = new CachedNanoClock();
    private final CachedEpochClock epochClock = new CachedEpochClock();
    private final TickConfig config = new TickConfig(HZ, 4, 16, 1 << 16, 1 << 20, 1 << 20,
            Duration.ofSeconds(2), Duration.ofSeconds(1), 1);
    private final TickLane lane = new TickLane(0, config, ArenaRules.standard(), nanoClock, () -> { });
    private final PublisherFixtures.InMemoryStreamWriter writer = new PublisherFixtures.InMemoryStreamWriter();
    private final PublisherFixtures.RecordedChannels channels = new PublisherFixtures.RecordedChannels();
    private final List<String> reportedEnded = new ArrayList<>();
    private final MatchEventPublisher publisher = new MatchEventPublisher(List.of(lane), channels, writer, "gs-1", HZ,
            ArenaRules.standard(), epochClock, nanoClock, new SimpleMeterRegistry(), reportedEnded::add);

    MatchEventPublisherTest() {
        epochClock.update(START_MS);
    }

    private MatchHandle duel(String id) {
        return lane.host(new MatchSpec(id, MatchMode.DUEL, "eu", List.of(id + "-a", id + "-b"), 0.9, 0));
    }

    private void ticks(int count) {
        for (int i = 0; i < count; i++) {
            nanoClock.advance(lane.agent().schedule().intervalNs());
            lane.agent().doWork();
        }
    }

    private static String type(String doc) {
        Matcher matcher = Pattern.compile("\"type\":\"([a-z_]+)\"").matcher(doc);
        return matcher.find() ? matcher.group(1) : "";
    }

    @Test
    void publishesTheStartOfAMatchOnEveryOutput() {
        MatchHandle match = duel("m1");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 101);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 202);
        ticks(1);

        assertThat(publisher.doWork()).isEqualTo(3);

        assertThat(writer.docs()).extracting(MatchEventPublisherTest::type).containsExactly("join", "join",
                "match_start");
        assertThat(channels.sent).extracting(sent -> sent.message().getEvent().getKindCase())
                .containsExactly(io.skirmish.protocol.game.v1.GameEvent.KindCase.PLAYER_JOINED,
                        io.skirmish.protocol.game.v1.GameEvent.KindCase.PLAYER_JOINED,
                        io.skirmish.protocol.game.v1.GameEvent.KindCase.MATCH_STARTED);
        assertThat(channels.sent.get(2).message().getEvent().getMatchStarted().getStartedAtMs()).isEqualTo(START_MS);
        assertThat(publisher.idle()).isTrue();
    }

    @Test
    void datesEventsAfterTheStartByTheirTickNotByTheWallClock() {
        MatchHandle match = duel("m2");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 2);
        ticks(1);
        publisher.doWork();
        long startTick = Long.parseLong(lastMatch(writer.docs().get(2)).group(2));

        epochClock.advance(3_600_000); // the wall clock jumps an hour: event times must not
        match.connectionEvent(InboundDescriptor.DISCONNECTED, 1, 2);
        ticks((int) config.ticks(config.reconnectGrace()) + 1);
        publisher.doWork();

        String leave = writer.docs().stream().filter(doc -> type(doc).equals("leave")).findFirst().orElseThrow();
        Matcher fields = lastMatch(leave);
        long tick = Long.parseLong(fields.group(2));
        long expectedMs = START_MS + (tick - startTick) * 1000L / HZ;
        assertThat(java.time.Instant.parse(fields.group(1)).toEpochMilli()).isEqualTo(expectedMs);
    }

    @Test
    void neverDatesARecordLaterThanItIsRead() {
        MatchHandle match = duel("m3");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        match.connectionEvent(InboundDescriptor.CONNECTED, 1, 2);
        ticks(1);
        publisher.doWork(); // the start is read now: the tick times count from here

        // The lane runs on while the wall clock, as this thread reads it, has not moved: the start
        // was read late, the next records promptly.
        match.connectionEvent(InboundDescriptor.DISCONNECTED, 1, 2);
        ticks((int) config.ticks(config.reconnectGrace()) + 1);
        publisher.doWork();

        String leave = writer.docs().stream().filter(doc -> type(doc).equals("leave")).findFirst().orElseThrow();
        assertThat(java.time.Instant.parse(lastMatch(leave).group(1)).toEpochMilli())
                .isLessThanOrEqualTo(epochClock.time());
    }

    private static Matcher lastMatch(String doc) {
        Matcher matcher = TICK_AND_TIME.matcher(doc);
        assertThat(matcher.find()).isTrue();
        return matcher;
    }

    @Test
    void endsTheMatchForItsPlayersAtOnceButFreesItsSlotOnlyOnceTheResultIsStored() {
        MatchHandle match = duel("m3");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        writer.refusing = true;

        ticks((int) config.ticks(config.joinWindow()) + 1);
        publisher.doWork();

        assertThat(channels.sent).filteredOn(PublisherFixtures.Sent::last).singleElement()
                .satisfies(sent -> assertThat(sent.message().getMatchEnd().getResult().getMatchId()).isEqualTo("m3"));
        assertThat(lane.table().active()).isEqualTo(1);
        assertThat(channels.forgotten).isEmpty();
        assertThat(publisher.idle()).isFalse();

        writer.refusing = false;
        nanoClock.advance(StreamAppender.MIN_RETRY_NS);
        publisher.doWork();

        assertThat(lane.table().active()).isZero();
        assertThat(channels.forgotten).containsExactly("m3");
        assertThat(writer.docs()).extracting(MatchEventPublisherTest::type).contains("match_end");
        assertThat(publisher.idle()).isTrue();
    }

    @Test
    void appendsAResultAgainWhenTheStoreLostItAfterAcknowledgingIt() {
        MatchHandle match = duel("m4");
        match.connectionEvent(InboundDescriptor.CONNECTED, 0, 1);
        ticks((int) config.ticks(config.joinWindow()) + 1);
        publisher.doWork();
        assertThat(writer.heldResults()).containsExactly("m4");
        assertThat(reportedEnded).containsExactly("m4");
        assertThat(lane.table().active()).isZero();

        writer.loseLast(2); // a crash takes the end of the log: the match_end event and the result
        nanoClock.advance(ResultRetention.DURABLE_AFTER_NS);
        publisher.doWork();

        assertThat(writer.heldResults()).containsExactly("m4");
        assertThat(reportedEnded).containsExactly("m4", "m4");
        assertThat(channels.forgotten).containsExactly("m4");
        assertThat(publisher.unconfirmedResults()).isEqualTo(1);

        nanoClock.advance(ResultRetention.DURABLE_AFTER_NS);
        publisher.doWork();
        assertThat(writer.heldResults()).containsExactly("m4");
        assertThat(publisher.unconfirmedResults()).isZero();
    }
}
