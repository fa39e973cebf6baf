package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.protocol.common.v1.GameMode;
import org.junit.jupiter.api.Test;

class ModeMixTest {

    @Test
    void splitsBotsInProportionToTheWeights() {
        var modes = ModeMix.parse("duel=40,squad=40,ffa=20").assign(100);

        assertThat(Collections.frequency(modes, GameMode.GAME_MODE_DUEL)).isEqualTo(40);
        assertThat(Collections.frequency(modes, GameMode.GAME_MODE_SQUAD)).isEqualTo(40);
        assertThat(Collections.frequency(modes, GameMode.GAME_MODE_FFA)).isEqualTo(20);
    }

    @Test
    void givesRemaindersToTheLargestFractionsAndAlwaysAssignsEveryBot() {
        var modes = ModeMix.parse("duel=1,squad=1,ffa=1").assign(10);

        assertThat(modes).hasSize(10);
        assertThat(Collections.frequency(modes, GameMode.GAME_MODE_DUEL)).isBetween(3, 4);
        assertThat(ModeMix.parse("ffa=5").assign(3)).containsOnly(GameMode.GAME_MODE_FFA);
    }

    @Test
    void refusesBadMixesNamingTheProblem() {
        assertThatThrownBy(() -> ModeMix.parse("duel=0")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ModeMix.parse("chess=1")).hasMessageContaining("chess");
        assertThatThrownBy(() -> ModeMix.parse("duel=x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> ModeMix.parse("duel=1,duel=2")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ModeMix.parse("duel")).isInstanceOf(ConfigException.class);
    }
}
