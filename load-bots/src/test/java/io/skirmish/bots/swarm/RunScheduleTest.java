package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.skirmish.kit.config.ConfigException;
import org.junit.jupiter.api.Test;

class RunScheduleTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void acceptsPhasesInsideTheDuration() {
        assertThatCode(() -> new RunSchedule(Duration.ofSeconds(10), MINUTE, Duration.ofSeconds(15), Duration.ofSeconds(30)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAWarmupAsLongAsTheRun() {
        assertThatThrownBy(() -> new RunSchedule(Duration.ZERO, MINUTE, MINUTE, Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warmup");
    }

    @Test
    void refusesARampUpLongerThanTheRun() {
        assertThatThrownBy(() -> new RunSchedule(Duration.ofMinutes(2), MINUTE, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ramp-up");
    }
}
