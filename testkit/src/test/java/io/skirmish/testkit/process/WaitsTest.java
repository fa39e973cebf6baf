package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
    void stopsAtOnceWhenTheProbeGivesUp() {
        assertThatThrownBy(() -> Waits.until("a dead process", Duration.ofMinutes(5), 5, () -> {
            throw new ProcessStartException("exited with code 1");
        }))
                .isInstanceOf(ProcessStartException.class)
                .hasMessage("exited with code 1");
    }
}
