package io.skirmish.match.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WideningTest {

    @Test
    void widensLinearlyWithWaitAndStopsAtTheCap() {
        Widening window = Widening.parse("3:1:25");
        assertThat(window.at(0)).isEqualTo(3.0);
        assertThat(window.at(1_500)).isEqualTo(4.5);
        assertThat(window.at(22_000)).isEqualTo(25.0);
        assertThat(window.at(3_600_000)).isEqualTo(25.0);
        assertThat(window.at(-5)).isEqualTo(3.0);
    }

    @Test
    void aSecondSlopeTakesOverAfterItsWaitAndStillStopsAtTheCap() {
        Widening window = Widening.parse("3:1:25:1000:6");
        assertThat(window.at(0)).isEqualTo(3.0);
        assertThat(window.at(1_000)).isEqualTo(4.0);
        assertThat(window.at(1_500)).isEqualTo(7.0);
        assertThat(window.at(2_000)).isEqualTo(10.0);
        assertThat(window.at(4_500)).isEqualTo(25.0);
        assertThat(window.at(Long.MAX_VALUE)).isEqualTo(25.0);
    }

    @Test
    void aSecondSlopeFromTheStartIsOneSlope() {
        assertThat(Widening.parse("3:1:25:0:6").at(2_000)).isEqualTo(Widening.parse("3:6:25").at(2_000));
    }

    @Test
    void printsTheFormItParses() {
        assertThat(Widening.parse("3:0.5:25").toString()).isEqualTo("3:0.5:25");
        assertThat(Widening.parse("3:1:25:1000:6").toString()).isEqualTo("3:1:25:1000:6");
        assertThat(Widening.parse(Widening.parse("3:1:25:1000:6.5").toString()))
                .isEqualTo(Widening.parse("3:1:25:1000:6.5"));
    }

    @Test
    void rejectsMalformedOrInconsistentSpecs() {
        assertThatThrownBy(() -> Widening.parse("3:1")).hasMessageContaining("initial:perSecond:cap");
        assertThatThrownBy(() -> Widening.parse("a:1:2")).hasMessageContaining("numbers");
        assertThatThrownBy(() -> Widening.parse("30:1:25")).hasMessageContaining("initial <= cap");
        assertThatThrownBy(() -> Widening.parse("3:-1:25")).hasMessageContaining("perSecond");
        assertThatThrownBy(() -> Widening.parse("3:1:25:1000")).hasMessageContaining("afterMs:thenPerSecond");
        assertThatThrownBy(() -> Widening.parse("3:1:25:1.5:6")).hasMessageContaining("whole milliseconds");
        assertThatThrownBy(() -> Widening.parse("3:1:25:-1:6")).hasMessageContaining("afterMs >= 0");
        assertThatThrownBy(() -> Widening.parse("3:1:25:1000:-6")).hasMessageContaining("thenPerSecond >= 0");
    }
}
