package io.skirmish.match.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutageGraceTest {

    private static final long SLOW_NS = 1_000_000_000L;

    @Test
    void declaresServersLostWhenTheRegistryNeverFailed() {
        assertThat(new OutageGrace(5_000, SLOW_NS).verdictsAllowed(0)).isTrue();
    }

    @Test
    void waitsTheGraceAfterTheLastFailure() {
        OutageGrace grace = new OutageGrace(5_000, SLOW_NS);

        grace.failed(10_000);

        assertThat(grace.verdictsAllowed(10_000)).isFalse();
        assertThat(grace.verdictsAllowed(14_999)).isFalse();
        assertThat(grace.verdictsAllowed(15_000)).isTrue();
    }

    @Test
    void aLaterFailureStartsTheGraceAgain() {
        OutageGrace grace = new OutageGrace(5_000, SLOW_NS);

        grace.failed(10_000);
        grace.failed(13_000);

        assertThat(grace.verdictsAllowed(15_000)).isFalse();
        assertThat(grace.verdictsAllowed(18_000)).isTrue();
    }

    @Test
    void aSlowProbeCountsAsAFailure() {
        OutageGrace grace = new OutageGrace(5_000, SLOW_NS);

        grace.probed(10_000, 2 * SLOW_NS);

        assertThat(grace.verdictsAllowed(14_999)).isFalse();
        assertThat(grace.verdictsAllowed(15_000)).isTrue();
    }

    @Test
    void aQuickProbeChangesNothing() {
        OutageGrace grace = new OutageGrace(5_000, SLOW_NS);

        grace.probed(10_000, 1_000_000L);

        assertThat(grace.verdictsAllowed(10_000)).isTrue();
    }

    @Test
    void rejectsANonPositiveGrace() {
        assertThatThrownBy(() -> new OutageGrace(0, SLOW_NS)).hasMessageContaining("graceMs");
    }
}
