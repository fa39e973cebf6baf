package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;

class WaitsTest {

    @Test
    void returnsOnceTheProbeHolds() {
        AtomicInteger calls = new AtomicInteger();

        assertThatCode(() -> Waits.until("third call", Duration.ofSeconds(5), 1, () -> calls.incrementAndGet() >= 3))
                .doesNotThrowAnyException();
    }

    @Test
    void timesOutNamingWhatItWaitedForAndTheLastError() {
        assertThatThrownBy(() -> Waits.until("the moon", Duration.ofMillis(50), 5, () -> {
            throw new IllegalStateException("still dark");
        }))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("the moon")
                .hasMessageContaining("still dark");
    }

    @Test
    void theDeadlineIsKeptOnTheGivenClock() {
        AtomicInteger probes = new AtomicInteger();
        AtomicLong nowNs = new AtomicLong();
        // Each reading moves the clock on 400 ms: the deadline (1 s) passes after the third probe.
        NanoClock clock = () -> nowNs.getAndAdd(TimeUnit.MILLISECONDS.toNanos(400));

        assertThatThrownBy(() -> Waits.until("a slow start", Duration.ofSeconds(1), 1, () -> {
            probes.incrementAndGet();
            return false;
        }, clock))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("timed out after 1000 ms waiting for a slow start");
        assertThat(probes).hasValue(3);
    }

    @Test
    void stopsAtOnceWhenTheProbeGivesUp() {
        assertThatThrownBy(() -> Waits.until("a dead process", Duration.ofMinutes(5), 5, () -> {
            throw new ProcessStartException("exited with code 1");
        }))
                .isInstanceOf(ProcessStartException.class)
                .hasMessage("exited with code 1");
    }
}
