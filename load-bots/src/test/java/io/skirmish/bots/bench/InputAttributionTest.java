package io.skirmish.bots.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InputAttributionTest {

    private static final long PERIOD = 33_333_333;
    private static final long ORIGIN = 1_000_000_000L;
    private static final long MS = 1_000_000;

    private final InputAttribution lane = new InputAttribution(PERIOD);

    @Test
    void anInputThatMakesItsTickCostsOnlyTheWaitAndTheSnapshotsDelay() {
        // Sent 20 ms before tick 7, shown by tick 7's snapshot 3 ms after the quickest.
        lane.recordInput(ORIGIN, ORIGIN + 7 * PERIOD - 20 * MS, 7, ORIGIN + 7 * PERIOD + 3 * MS);

        ClientSplit split = drained();

        assertThat(split.missedShare()).isZero();
        assertThat(split.snapshotDelayP99Ms()).isCloseTo(3.0, within(0.01));
        assertThat(split.ifOnTimeP99Ms()).isCloseTo(23.0, within(0.02));
        assertThat(split.ifQuickestP99Ms()).isCloseTo(20.0, within(0.02));
    }

    @Test
    void anInputThatMissesItsTickIsChargedAWholePeriodOnTheWayIn() {
        // Sent 2 ms before tick 7, too late for it: shown by tick 8's snapshot, itself the quickest.
        lane.recordInput(ORIGIN, ORIGIN + 7 * PERIOD - 2 * MS, 8, ORIGIN + 8 * PERIOD);
        // Sent 0.3 ms before tick 9: a miss within the transit.
        lane.recordInput(ORIGIN, ORIGIN + 9 * PERIOD - 300_000, 10, ORIGIN + 10 * PERIOD);

        ClientSplit split = drained();

        assertThat(split.missedShare()).isEqualTo(1.0);
        assertThat(split.missedLateShare()).isEqualTo(0.5);
        assertThat(split.missedByP99Ms()).isCloseTo(2.0, within(0.01));
        assertThat(split.ifOnTimeP99Ms()).isCloseTo(2.0, within(0.01));
        assertThat(split.ifQuickestP99Ms()).isCloseTo(35.33, within(0.1));
    }

    @Test
    void aPlayerWhoseMatchSentNoSnapshotYetIsNotMeasured() {
        lane.recordInput(TickTiming.UNKNOWN, ORIGIN, 1, ORIGIN + PERIOD);

        assertThat(drained().missedShare()).isNaN();
    }

    @Test
    void eachDrainTakesOnlyWhatCameSinceThePreviousOne() {
        lane.recordInput(ORIGIN, ORIGIN + 7 * PERIOD - 2 * MS, 8, ORIGIN + 8 * PERIOD);
        lane.drainInto(null);
        lane.recordInput(ORIGIN, ORIGIN + 7 * PERIOD - 20 * MS, 7, ORIGIN + 7 * PERIOD);
        lane.recordSendLag(ORIGIN, ORIGIN + 150_000);

        ClientSplit split = drained();

        assertThat(split.missedShare()).isZero();
        assertThat(split.clientSendLagP99Ms()).isCloseTo(0.15, within(0.001));
    }

    private ClientSplit drained() {
        InputAttribution.Window window = new InputAttribution.Window();
        lane.drainInto(window);
        return window.split();
    }
}
