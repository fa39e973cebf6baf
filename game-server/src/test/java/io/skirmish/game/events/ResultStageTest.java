package io.skirmish.game.events;

import static io.skirmish.game.events.PublisherFixtures.DUEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.game.world.EndReason;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

class ResultStageTest {

    private final PublisherFixtures.InMemoryStreamWriter writer = new PublisherFixtures.InMemoryStreamWriter();
    private final StreamAppender appender = new StreamAppender(writer, new CachedNanoClock(), new SimpleMeterRegistry());
    private final ResultStage stage = new ResultStage(appender);
    private final MatchResult result = ResultStage.result(DUEL,
            PublisherFixtures.duelEnd(900, EndReason.TIME_LIMIT.ordinal()), 1_000, 31_000);

    @Test
    void readsTheResultFromTheMatchEndRecord() {
        assertThat(result.getMatchId()).isEqualTo("m-1");
        assertThat(result.getStartedAtMs()).isEqualTo(1_000);
        assertThat(result.getEndedAtMs()).isEqualTo(31_000);
        assertThat(result.getWinnerTeam()).isEqualTo(1);
        assertThat(result.getPlayersList()).extracting(PlayerResult::getPlayerId, PlayerResult::getTeam,
                PlayerResult::getPlacement, PlayerResult::getKills, PlayerResult::getDamage,
                PlayerResult::getDisconnected).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ann", 1, 1, 3, 300, false),
                        org.assertj.core.groups.Tuple.tuple("bob", 2, 2, 0, 40, true));
    }

    @Test
    void storesTheResultOnTheResultsStreamKeyedByMatch() throws Exception {
        stage.publish(result, entryId -> { });
        appender.appendIfDue();

        StreamEntry entry = writer.appended.get(0);
        assertThat(entry.stream()).isEqualTo(EventStreams.RESULTS);
        assertThat(PublisherFixtures.InMemoryStreamWriter.field(entry.fields(), EventStreams.FIELD_ID)).isEqualTo("m-1");
        byte[] stored = entry.fields().entrySet().stream()
                .filter(f -> new String(f.getKey()).equals(EventStreams.FIELD_RESULT)).findFirst().orElseThrow()
                .getValue();
        assertThat(MatchResult.parseFrom(stored)).isEqualTo(result);
    }

    @Test
    void freesTheMatchOnlyOnceItsResultIsStored() {
        List<String> freed = new ArrayList<>();
        writer.refusing = true;

        stage.publish(result, entryId -> freed.add("m-1"));
        appender.appendIfDue();

        assertThat(freed).isEmpty();
    }
}
