package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;

import org.junit.jupiter.api.Test;

class MeasuredWindowTest {

    private static final long SECOND = 1_000_000_000L;

    private final SwarmStats stats = new SwarmStats();
    private final ServiceSampler services = new ServiceSampler(List.of());

    @Test
    void ratesCoverWarmupEndToQueueingStopOnly() {
        MeasuredWindow window = new MeasuredWindow(2 * SECOND, 6 * SECOND, 0, stats, services);
        stats.inputsSent.add(500);                      // warm-up traffic: left out
        window.afterSample(SECOND);
        assertThat(window.isOpen()).isFalse();
        window.afterSample(2 * SECOND);                 // opens here
        for (long t = 3; t <= 6; t++) {
            assertThat(window.isOpen()).as("interval ending at %d s", t).isTrue();
            stats.inputsSent.add(100);
            window.afterSample(t * SECOND);
        }
        assertThat(window.isOpen()).isFalse();
        stats.inputsSent.add(1_000);                    // drain: left out
        window.afterSample(7 * SECOND);

        assertThat(window.seconds()).isCloseTo(4.0, offset(1e-9));
        assertThat(window.inputsPerSecond()).isCloseTo(100.0, offset(1e-9));
    }

    @Test
    void withoutWarmupTheWindowOpensAtTheStart() {
        MeasuredWindow window = new MeasuredWindow(0, 2 * SECOND, 0, stats, services);
        assertThat(window.isOpen()).isTrue();
        stats.snapshotsReceived.add(30);
        window.afterSample(SECOND);
        stats.snapshotsReceived.add(30);
        window.afterSample(2 * SECOND);

        assertThat(window.snapshotsPerSecond()).isCloseTo(30.0, offset(1e-9));
    }

    @Test
    void aWindowThatNeverClosedHasNoRates() {
        MeasuredWindow window = new MeasuredWindow(0, 10 * SECOND, 0, stats, services);
        window.afterSample(SECOND);

        assertThat(window.matchesPerSecond()).isNaN();
        assertThat(window.seconds()).isNaN();
    }
}
