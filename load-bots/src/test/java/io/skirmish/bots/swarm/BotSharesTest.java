package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skirmish.kit.config.ConfigException;
import org.junit.jupiter.api.Test;

class BotSharesTest {

    @Test
    void refusesAShareOutsideZeroToOneNamingItsFlag() {
        assertThatThrownBy(() -> new BotShares(0.3, 0.05, 1.5, 0.02))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reconnect-share");
        assertThatThrownBy(() -> new BotShares(Double.NaN, 0, 0, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("party-share");
    }

    @Test
    void refusesBehavioursThatAddUpToMoreThanAllBots() {
        assertThatThrownBy(() -> new BotShares(0, 0.5, 0.3, 0.3))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exceed 1");
    }

    @Test
    void describesItselfForTheReportSettings() {
        assertThat(new BotShares(0.3, 0.05, 0.05, 0.02))
                .hasToString("party 0.30 idle 0.05 reconnect 0.05 misbehave 0.02");
    }
}
