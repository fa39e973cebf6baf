package io.skirmish.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void rejectsOutOfRangeValueNamingKeyAndValue() {
        assertThatThrownBy(() -> Checks.inRange("tick-rate", 200, 10, 128))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration tick-rate=200: expected 10..128");
    }

    @Test
    void acceptsBoundaries() {
        assertThat(Checks.inRange("tick-rate", 10, 10, 128)).isEqualTo(10);
        assertThat(Checks.port("port", 0)).isZero();
        assertThat(Checks.port("port", 65_535)).isEqualTo(65_535);
    }

    @Test
    void rejectsNonPositiveDurationAndBlankText() {
        assertThatThrownBy(() -> Checks.positive("grace", Duration.ZERO))
                .hasMessageContaining("grace=PT0S");
        assertThatThrownBy(() -> Checks.notBlank("region", " "))
                .hasMessageContaining("region= ");
        assertThatThrownBy(() -> Checks.port("port", -1)).hasMessageContaining("port=-1");
    }
}
