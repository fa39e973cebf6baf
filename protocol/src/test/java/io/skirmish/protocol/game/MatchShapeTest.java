package io.skirmish.protocol.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import io.skirmish.protocol.common.v1.GameMode;
import org.junit.jupiter.api.Test;

class MatchShapeTest {

    @Test
    void everyRatedWireModeHasOneShape() {
        assertThat(MatchShape.fromWire(GameMode.GAME_MODE_DUEL)).isEqualTo(MatchShape.DUEL);
        assertThat(MatchShape.fromWire(GameMode.GAME_MODE_SQUAD)).isEqualTo(MatchShape.SQUAD);
        assertThat(MatchShape.fromWire(GameMode.GAME_MODE_FFA)).isEqualTo(MatchShape.FFA);
        assertThat(MatchShape.fromWire(GameMode.GAME_MODE_UNSPECIFIED)).isNull();
    }

    @Test
    void namesRoundTripAndUnknownNamesAreNull() {
        for (MatchShape shape : MatchShape.values()) {
            assertThat(MatchShape.fromWireName(shape.wireName())).isEqualTo(shape);
        }
        assertThat(MatchShape.SQUAD.wireName()).isEqualTo("squad");
        assertThat(MatchShape.fromWireName("SQUAD")).isNull();
        assertThat(MatchShape.fromWireName("battle-royale")).isNull();
    }

    @Test
    void shapesAreTheDocumentedOnes() {
        assertThat(MatchShape.DUEL.players()).isEqualTo(2);
        assertThat(MatchShape.SQUAD.teams()).isEqualTo(2);
        assertThat(MatchShape.SQUAD.players()).isEqualTo(6);
        assertThat(MatchShape.FFA.teams()).isEqualTo(8);
        assertThat(MatchShape.FFA.players()).isEqualTo(8);
    }

    @Test
    void duelsStartFullAndFreeForAllLosesOnePlayerAtATime() {
        assertThat(MatchShape.DUEL.admits(1)).isFalse();
        assertThat(MatchShape.DUEL.admits(2)).isTrue();
        assertThat(MatchShape.FFA.minPlayers()).isEqualTo(2);
        assertThat(MatchShape.FFA.admits(1)).isFalse();
        assertThat(MatchShape.FFA.admits(3)).isTrue();
        assertThat(MatchShape.FFA.admits(9)).isFalse();
    }

    @Test
    void aShortSquadKeepsItsTeamsEven() {
        assertThat(MatchShape.SQUAD.minPlayers()).isEqualTo(4);
        assertThat(MatchShape.SQUAD.admits(6)).isTrue();
        assertThat(MatchShape.SQUAD.admits(5)).as("3v2").isFalse();
        assertThat(MatchShape.SQUAD.admits(4)).as("2v2").isTrue();
        assertThat(MatchShape.SQUAD.admits(3)).isFalse();
        assertThat(MatchShape.SQUAD.admits(2)).as("1v1 is a duel, not a squad").isFalse();
        assertThat(MatchShape.SQUAD.admits(8)).isFalse();
    }

    @Test
    void slotsAreOrderedTeamByTeamWhateverTheTeamSize() {
        assertThat(MatchShape.SQUAD.teamSize(6)).isEqualTo(3);
        assertThat(MatchShape.SQUAD.teamSize(4)).isEqualTo(2);
        assertThat(IntStream.range(0, 6).map(slot -> MatchShape.SQUAD.teamOf(slot, 6)).toArray())
                .containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(IntStream.range(0, 4).map(slot -> MatchShape.SQUAD.teamOf(slot, 4)).toArray())
                .containsExactly(0, 0, 1, 1);
        assertThat(MatchShape.DUEL.teamOf(1, 2)).isEqualTo(1);
        assertThat(MatchShape.FFA.teamSize(3)).isEqualTo(1);
        assertThat(MatchShape.FFA.teamOf(2, 3)).isEqualTo(2);
        assertThatThrownBy(() -> MatchShape.SQUAD.teamSize(5)).hasMessageContaining("squad cannot be played by 5");
        assertThatThrownBy(() -> MatchShape.SQUAD.teamOf(4, 4)).hasMessageContaining("slot 4");
    }

    @Test
    void everyMinimumIsAdmittedAndFillsEveryTeam() {
        for (MatchShape shape : MatchShape.values()) {
            assertThat(shape.admits(shape.minPlayers())).as("%s", shape).isTrue();
            assertThat(shape.admits(shape.players())).as("%s", shape).isTrue();
            assertThat(shape.minPlayers()).as("%s: at least two sides", shape).isGreaterThanOrEqualTo(2);
        }
    }
}
