package io.skirmish.game.events;

import static io.skirmish.game.events.PublisherFixtures.DUEL;
import static io.skirmish.game.events.PublisherFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.game.match.EventDescriptor;
import io.skirmish.game.snapshot.ViewBuilder;
import io.skirmish.game.world.EndReason;
import io.skirmish.protocol.game.v1.GameEvent;
import io.skirmish.protocol.game.v1.MatchResult;
import org.junit.jupiter.api.Test;

class PlayerPushStageTest {

    private static final long START_MS = 1_800_000_000_000L;

    private final PublisherFixtures.RecordedChannels channels = new PublisherFixtures.RecordedChannels();
    private final PlayerPushStage stage = new PlayerPushStage(channels);
    private final MatchProgress match = PublisherFixtures.progress();

    private GameEvent onlyEvent() {
        assertThat(channels.sent).hasSize(1);
        return channels.sent.get(0).message().getEvent();
    }

    @Test
    void announcesTheStartWithTheTimeLimit() {
        match.start(START_MS, 40);

        stage.started(match, record(EventDescriptor.MATCH_STARTED, 40, 0, -1, 0, 0, 0, 0), START_MS + 120_000);

        GameEvent event = onlyEvent();
        assertThat(event.getMatchStarted().getStartedAtMs()).isEqualTo(START_MS);
        assertThat(event.getMatchStarted().getEndsAtMs()).isEqualTo(START_MS + 120_000);
        assertThat(event.getTick()).isEqualTo(40);
        assertThat(event.getServerTimeMs()).isEqualTo(START_MS);
    }

    @Test
    void introducesAJoiningPlayerWithEntityAndTeam() {
        stage.joined(match, record(EventDescriptor.JOINED, 3, 1, -1, 0, 0, 0, 0), START_MS);

        GameEvent event = onlyEvent();
        assertThat(event.getPlayerJoined().getPlayer().getPlayerId()).isEqualTo("bob");
        assertThat(event.getPlayerJoined().getPlayer().getEntityId()).isEqualTo(ViewBuilder.entityId(1));
        assertThat(event.getPlayerJoined().getPlayer().getTeam()).isEqualTo(DUEL.wireTeamOf(1));
        assertThat(channels.sent.get(0).matchId()).isEqualTo("m-1");
    }

    @Test
    void tellsWhetherALeaverQuitOnPurpose() {
        stage.left(match, record(EventDescriptor.LEFT, 3, 1, -1, 0, 0, EventDescriptor.LEFT_ON_PURPOSE, 0), START_MS);

        assertThat(onlyEvent().getPlayerLeft().getLeftOnPurpose()).isTrue();
    }

    @Test
    void reportsAKillByEntities() {
        stage.kill(match, record(EventDescriptor.KILL, 9, 0, 1, 3, 4, 1, 0), START_MS);

        GameEvent event = onlyEvent();
        assertThat(event.getKill().getKillerEntityId()).isEqualTo(ViewBuilder.entityId(0));
        assertThat(event.getKill().getVictimEntityId()).isEqualTo(ViewBuilder.entityId(1));
        assertThat(event.getKill().getEliminated()).isTrue();
    }

    @Test
    void placesARespawnInCentimetres() {
        stage.respawn(match, record(EventDescriptor.RESPAWN, 9, 0, -1, 1.5f, -2.25f, 0, 0), START_MS);

        assertThat(onlyEvent().getRespawn().getPosition().getXCm()).isEqualTo(150);
        assertThat(onlyEvent().getRespawn().getPosition().getYCm()).isEqualTo(-225);
    }

    @Test
    void endsTheMatchForEveryPlayerWithTheResult() {
        MatchResult result = ResultStage.result(DUEL, PublisherFixtures.duelEnd(900, EndReason.FORFEIT.ordinal()),
                START_MS, START_MS + 5_000);

        stage.ended(result);

        assertThat(channels.sent).singleElement().satisfies(sent -> {
            assertThat(sent.last()).isTrue();
            assertThat(sent.message().getMatchEnd().getResult()).isEqualTo(result);
        });
    }
}
