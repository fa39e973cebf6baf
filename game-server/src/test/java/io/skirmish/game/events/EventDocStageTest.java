package io.skirmish.game.events;

import static io.skirmish.game.events.PublisherFixtures.DUEL;
import static io.skirmish.game.events.PublisherFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.game.match.EventDescriptor;
import io.skirmish.game.world.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

class EventDocStageTest {

    private static final long AT_MS = 1_800_000_000_000L;

    private final PublisherFixtures.InMemoryStreamWriter writer = new PublisherFixtures.InMemoryStreamWriter();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamAppender appender = new StreamAppender(writer, new CachedNanoClock(), registry);
    private final EventDocStage stage = new EventDocStage(appender, "gs-1", registry);
    private final MatchProgress match = PublisherFixtures.progress();

    private String onlyDoc() {
        appender.appendIfDue();
        assertThat(writer.docs()).hasSize(1);
        return writer.docs().get(0);
    }

    @Test
    void datesAndIdentifiesEveryDocumentByItsMatch() {
        stage.started(match, record(EventDescriptor.MATCH_STARTED, 40, 0, -1, 0, 0, 0, 0), AT_MS);

        assertThat(onlyDoc()).contains("\"event_id\":\"m-1:1\"", "\"type\":\"match_start\"",
                "\"@timestamp\":\"2027-01-15T08:00:00.000Z\"", "\"service\":\"game-server\"", "\"match_id\":\"m-1\"",
                "\"mode\":\"duel\"", "\"region\":\"eu\"", "\"server_id\":\"gs-1\"", "\"tick\":40",
                "\"players_count\":2");
    }

    @Test
    void numbersTheEventsOfAMatchSoARetriedBatchKeepsItsIds() {
        stage.shot(match, record(EventDescriptor.SHOT, 1, 0, -1, 1, 2, 0, 0), AT_MS);
        stage.shot(match, record(EventDescriptor.SHOT, 2, 0, -1, 1, 2, 0, 0), AT_MS);
        appender.appendIfDue();

        assertThat(writer.docs()).satisfiesExactly(
                doc -> assertThat(doc).contains("\"event_id\":\"m-1:1\""),
                doc -> assertThat(doc).contains("\"event_id\":\"m-1:2\""));
    }

    @Test
    void saysWhyAPlayerLeft() {
        stage.player(match, record(EventDescriptor.LEFT, 5, 1, -1, 0, 0, EventDescriptor.LEFT_TIMED_OUT, 0), "leave", AT_MS);

        assertThat(onlyDoc()).contains("\"type\":\"leave\"", "\"player_id\":\"bob\"", "\"reason\":\"timed_out\"");
    }

    @Test
    void namesTheTargetOfAShotOnlyWhenThereIsOne() {
        stage.shot(match, record(EventDescriptor.SHOT, 5, 0, 1, 3, 4, 1, 0), AT_MS);
        stage.shot(match, record(EventDescriptor.SHOT, 6, 0, -1, 3, 4, 0, 0), AT_MS);
        appender.appendIfDue();

        assertThat(writer.docs().get(0)).contains("\"hit\":true", "\"target_id\":\"bob\"");
        assertThat(writer.docs().get(1)).contains("\"hit\":false").doesNotContain("target_id");
    }

    @Test
    void writesAKillAsAKillAndADeath() {
        stage.kill(match, record(EventDescriptor.KILL, 9, 0, 1, 3, 4, 1, 0), AT_MS);
        appender.appendIfDue();

        assertThat(writer.docs()).satisfiesExactly(
                kill -> assertThat(kill).contains("\"type\":\"kill\"", "\"player_id\":\"ann\"", "\"target_id\":\"bob\""),
                death -> assertThat(death).contains("\"type\":\"death\"", "\"player_id\":\"bob\"",
                        "\"target_id\":\"ann\""));
    }

    @Test
    void summarisesTheMatchEndAndCountsTheRejectedInputs() {
        EventRecord end = PublisherFixtures.duelEnd(900, EndReason.ELIMINATION.ordinal());
        MatchResult result = ResultStage.result(DUEL, end, AT_MS - 30_000, AT_MS);

        stage.ended(match, end, result, EndReason.ELIMINATION);

        assertThat(onlyDoc()).contains("\"type\":\"match_end\"", "\"winner_team\":1", "\"duration_ms\":30000",
                "\"speed_clamped\":2", "{\"player_id\":\"ann\",\"team\":1,\"placement\":1,\"kills\":3,\"deaths\":0}");
        assertThat(registry.get("game.inputs.rejected").tag("reason", "speed_clamped").counter().count())
                .isEqualTo(2.0);
    }
}
