package io.skirmish.protocol.game;

import static org.assertj.core.api.Assertions.assertThat;

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
    void onlyFreeForAllMayStartShort() {
        assertThat(MatchShape.DUEL.admits(1)).isFalse();
        assertThat(MatchShape.SQUAD.admits(5)).isFalse();
        assertThat(MatchShape.SQUAD.admits(6)).isTrue();
        assertThat(MatchShape.FFA.minPlayers()).isEqualTo(2);
        assertThat(MatchShape.FFA.admits(1)).isFalse();
        assertThat(MatchShape.FFA.admits(3)).isTrue();
        assertThat(MatchShape.FFA.admits(9)).isFalse();
        for (MatchShape shape : MatchShape.values()) {
            assertThat(shape.playersPerTeam() == 1 || shape.minPlayers() == shape.players())
                    .as("a team mode starts full: %s", shape).isTrue();
        }
    }
}
