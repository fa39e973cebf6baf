package io.skirmish.game.world;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputValidatorTest {

    private final InputValidator validator = new InputValidator();
    private final PlayerInput input = new PlayerInput();

    @Test
    void dropsNonFiniteValues() {
        assertThat(validator.acceptable(input.set(1, Float.NaN, 0, 0, false, 0), 0)).isFalse();
        assertThat(validator.acceptable(input.set(1, 0, Float.POSITIVE_INFINITY, 0, false, 0), 0)).isFalse();
        assertThat(validator.acceptable(input.set(1, 0, 0, Float.NEGATIVE_INFINITY, false, 0), 0)).isFalse();

        assertThat(validator.rejections(InputRejection.NON_FINITE)).isEqualTo(3);
    }

    @Test
    void dropsStaleAndFarFutureSequences() {
        assertThat(validator.acceptable(input.set(5, 0, 0, 0, false, 0), 5)).isFalse();
        assertThat(validator.acceptable(input.set(5 + InputValidator.MAX_SEQUENCE_LEAD + 1, 0, 0, 0, false, 0), 5))
                .isFalse();
        assertThat(validator.acceptable(input.set(5 + InputValidator.MAX_SEQUENCE_LEAD, 0, 0, 0, false, 0), 5))
                .isTrue();

        assertThat(validator.rejections(InputRejection.STALE_SEQUENCE)).isEqualTo(1);
        assertThat(validator.rejections(InputRejection.FUTURE_SEQUENCE)).isEqualTo(1);
    }

    @Test
    void clampsMovementToUnitLengthAndCountsIt() {
        input.set(1, 3f, 4f, 0, false, 0);

        validator.clampMovement(input);

        assertThat(Math.hypot(input.moveX, input.moveY)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(input.moveX / input.moveY).isCloseTo(0.75f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(validator.rejections(InputRejection.SPEED_CLAMPED)).isEqualTo(1);
    }

    @Test
    void leavesLegalMovementAlone() {
        input.set(1, 0.6f, 0.8f, 0, false, 0);

        validator.clampMovement(input);

        assertThat(input.moveX).isEqualTo(0.6f);
        assertThat(validator.rejections(InputRejection.SPEED_CLAMPED)).isZero();
    }

    @Test
    void enforcesFireInterval() {
        assertThat(validator.shotAllowed(10, 5, 6)).isFalse();
        assertThat(validator.shotAllowed(11, 5, 6)).isTrue();
        assertThat(validator.rejections(InputRejection.FIRE_RATE)).isEqualTo(1);
    }

    @Test
    void clampsViewTickIntoTheRewindWindow() {
        assertThat(validator.rewindTick(95, 100, 8)).isEqualTo(95);
        assertThat(validator.rewindTick(50, 100, 8)).isEqualTo(92);
        assertThat(validator.rewindTick(150, 100, 8)).isEqualTo(100);
        assertThat(validator.rejections(InputRejection.VIEW_TICK_CLAMPED)).isEqualTo(2);
    }
}
