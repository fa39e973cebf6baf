package io.skirmish.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({"250ms,250", "5s,5000", "2m,120000", "1h,3600000", "1d,86400000", "PT1.5S,1500", "1h30m,5400000",
            "45,45000", "' 2M ',120000", "1m500ms,60500", "-5s,-5000", "0s,0"})
    void readsWhatPeopleType(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "5x", "five seconds", "ms", "P", "soon", "10x", "5s6", "1.5s",
            "99999999999999999999s"})
    void rejectsWhatIsNotADurationNamingTheValue(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void positiveDurationsRejectZeroAndNegativeNamingTheValue() {
        assertThat(DurationConverter.Positive.parsePositive("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> DurationConverter.Positive.parsePositive("0s")).hasMessageContaining("positive");
        assertThatThrownBy(() -> DurationConverter.Positive.parsePositive("-5s")).hasMessageContaining("'-5s'");
    }
}
