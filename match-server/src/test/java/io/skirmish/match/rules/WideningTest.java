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
    void printsTheFormItParses() {
        assertThat(Widening.parse("3:0.5:25").toString()).isEqualTo("3:0.5:25");
    }

    @Test
    void rejectsMalformedOrInconsistentSpecs() {
        assertThatThrownBy(() -> Widening.parse("3:1")).hasMessageContaining("initial:perSecond:cap");
        assertThatThrownBy(() -> Widening.parse("a:1:2")).hasMessageContaining("numbers");
        assertThatThrownBy(() -> Widening.parse("30:1:25")).hasMessageContaining("initial <= cap");
        assertThatThrownBy(() -> Widening.parse("3:-1:25")).hasMessageContaining("perSecond");
    }
}
