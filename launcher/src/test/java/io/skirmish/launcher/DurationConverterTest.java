package io.skirmish.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
    @Test
    void readsWhatPeopleType() {
        assertThat(DurationConverter.parse("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DurationConverter.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse(" 2M ")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void rejectsGarbageAndZeroNamingTheValue() {
        assertThatThrownBy(() -> DurationConverter.parse("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> DurationConverter.parse("10x")).hasMessageContaining("'10x'");
        assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("positive");
        assertThatThrownBy(() -> DurationConverter.parse("-5s")).hasMessageContaining("'-5s'");
    }
}
