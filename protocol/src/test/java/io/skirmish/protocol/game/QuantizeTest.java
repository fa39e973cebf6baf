package io.skirmish.protocol.game;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuantizeTest {
    @Test
    void aimWrapsAroundAndRoundTripsWithinOneStep() {
        assertThat(Quantize.radiansToAim(0)).isZero();
        assertThat(Quantize.radiansToAim(2 * Math.PI)).isZero();
        assertThat(Quantize.radiansToAim(-Math.PI / 2)).isEqualTo(49_152);
        assertThat(Quantize.radiansToAim(2 * Math.PI - 1e-9)).isZero();
        double step = 2 * Math.PI / Quantize.AIM_STEPS;
        assertThat(Quantize.aimToRadians(Quantize.radiansToAim(1.234))).isCloseTo(1.234, within(step));
    }

    @Test
    void movementIsClamped() {
        assertThat(Quantize.axisToMove(2.0)).isEqualTo(127);
        assertThat(Quantize.axisToMove(-1.0)).isEqualTo(-127);
        assertThat(Quantize.moveToAxis(1000)).isEqualTo(1.0);
        assertThat(Quantize.moveToAxis(-64)).isCloseTo(-0.504, within(0.001));
    }

    @Test
    void positionsRoundToCentimetres() {
        assertThat(Quantize.metresToCm(12.345)).isEqualTo(1235);
        assertThat(Quantize.cmToMetres(-250)).isEqualTo(-2.5);
    }
}
