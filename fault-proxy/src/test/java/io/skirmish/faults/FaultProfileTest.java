package io.skirmish.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultProfileTest {

    @Test
    void rejectsARateOutsideZeroToOneNamingIt() {
        assertThatThrownBy(() -> FaultProfile.NONE.withLoss(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lossRate").hasMessageContaining("1.5");
        assertThatThrownBy(() -> FaultProfile.NONE.withDuplicates(Double.NaN))
                .hasMessageContaining("duplicateRate");
    }

    @Test
    void rejectsNegativeLatency() {
        assertThatThrownBy(() -> FaultProfile.NONE.withLatency(-1, 0)).hasMessageContaining("latencyMs");
    }

    @Test
    void namesItselfTheWayAReportReads() {
        assertThat(FaultProfile.NONE.withLatency(50, 20).withLoss(0.05)).hasToString("50±20ms loss 5%");
        assertThat(FaultProfile.NONE.withReorder(0.02).withDuplicates(0.01)).hasToString("reorder 2% dup 1%");
        assertThat(FaultProfile.NONE).hasToString("clean");
        assertThat(FaultProfile.NONE.withLatency(50, 0).withPartition(true)).hasToString("partition");
    }

    @Test
    void healingKeepsTheOtherFaults() {
        FaultControl control = new FaultControl();
        control.apply(FaultProfile.NONE.withLatency(50, 20));
        control.partition();
        assertThat(control.current().partitioned()).isTrue();
        control.heal();
        assertThat(control.current()).isEqualTo(FaultProfile.NONE.withLatency(50, 20));
    }
}
