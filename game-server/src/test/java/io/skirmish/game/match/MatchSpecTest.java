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
    void teamModesAndTooSmallLobbiesAreRefusedWithTheRange() {
        assertThatThrownBy(() -> new MatchSpec("m2", MatchMode.SQUAD, "eu", List.of("a", "b", "c", "d", "e"), 0.8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6 players, got 5");
        assertThatThrownBy(() -> new MatchSpec("m3", MatchMode.FFA, "eu", List.of("a"), 0.8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 to 8 players, got 1");
        assertThatThrownBy(() -> new MatchSpec("m4", MatchMode.FFA, "eu",
                List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), 0.8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 9");
    }
}
