package io.skirmish.bots.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickTimingTest {

    private static final long PERIOD = 33_333_333;
    private static final long ORIGIN = 1_000_000_000L;

    @Test
    void theOriginIsTheQuickestSnapshotsBoundOnTheTickStart() {
        long origin = TickTiming.UNKNOWN;
        origin = TickTiming.origin(origin, 10, ORIGIN + 10 * PERIOD + 900_000, PERIOD);
        origin = TickTiming.origin(origin, 11, ORIGIN + 11 * PERIOD + 60_000, PERIOD);
        origin = TickTiming.origin(origin, 12, ORIGIN + 12 * PERIOD + 4_000_000, PERIOD);

        assertThat(origin).isEqualTo(ORIGIN + 60_000);
        assertThat(TickTiming.tickNs(origin, 12, PERIOD)).isEqualTo(ORIGIN + 12 * PERIOD + 60_000);
    }

    @Test
    void anInputCanAtBestMakeTheFirstTickThatStartsAfterItsSend() {
        assertThat(TickTiming.firstTickAfter(ORIGIN, ORIGIN + 5 * PERIOD - 1, PERIOD)).isEqualTo(5);
        assertThat(TickTiming.firstTickAfter(ORIGIN, ORIGIN + 5 * PERIOD, PERIOD)).isEqualTo(6);
        assertThat(TickTiming.firstTickAfter(ORIGIN, ORIGIN - 1, PERIOD)).isEqualTo(0);
    }
}
