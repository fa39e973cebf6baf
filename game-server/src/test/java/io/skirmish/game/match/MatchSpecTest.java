package io.skirmish.game.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.skirmish.game.world.MatchMode;
import org.junit.jupiter.api.Test;

class MatchSpecTest {

    @Test
    void aFreeForAllMayStartWithFewerPlayersThanItsMaximum() {
        MatchSpec spec = new MatchSpec("m1", MatchMode.FFA, "eu", List.of("a", "b", "c"), 0.8, 0);

        assertThat(spec.players()).isEqualTo(3);
        assertThat(spec.wireTeamOf(2)).isEqualTo(3);
    }

    @Test
    void aShortSquadPlaysTwoAgainstTwoInTeamOrder() {
        MatchSpec spec = new MatchSpec("m5", MatchMode.SQUAD, "eu", List.of("a", "b", "c", "d"), 0.7, 0);

        assertThat(spec.players()).isEqualTo(4);
        assertThat(List.of(spec.wireTeamOf(0), spec.wireTeamOf(1), spec.wireTeamOf(2), spec.wireTeamOf(3)))
                .containsExactly(1, 1, 2, 2);
    }

    @Test
    void unevenTeamsAndTooSmallLobbiesAreRefusedWithTheRange() {
        assertThatThrownBy(() -> new MatchSpec("m2", MatchMode.SQUAD, "eu", List.of("a", "b", "c", "d", "e"), 0.8, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 4 to 6 players on even teams, got 5");
        assertThatThrownBy(() -> new MatchSpec("m6", MatchMode.DUEL, "eu", List.of("a"), 0.8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 players, got 1");
        assertThatThrownBy(() -> new MatchSpec("m3", MatchMode.FFA, "eu", List.of("a"), 0.8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 to 8 players, got 1");
        assertThatThrownBy(() -> new MatchSpec("m4", MatchMode.FFA, "eu",
                List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), 0.8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 9");
    }
}
