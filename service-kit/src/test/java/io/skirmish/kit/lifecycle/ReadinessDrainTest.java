package io.skirmish.kit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReadinessDrainTest {

    private final List<String> seen = new ArrayList<>();

    @Test
    void isReadyUntilTheStopBegins() {
        ReadinessDrain drain = new ReadinessDrain(Duration.ofSeconds(4), delay -> { });

        assertThat(drain.notReadyReason()).isNull();
    }

    @Test
    void turnsNotReadyBeforeItWaitsAndStaysSo() {
        ReadinessDrain[] drain = new ReadinessDrain[1];
        drain[0] = new ReadinessDrain(Duration.ofSeconds(4), delay -> seen.add(delay + " " + drain[0].notReadyReason()));

        drain[0].close();

        assertThat(seen).containsExactly("PT4S draining");
        assertThat(drain[0].notReadyReason()).isEqualTo("draining");
    }

    @Test
    void closesTheComponentsRegisteredBeforeItOnlyAfterItsWait() {
        Lifecycle lifecycle = new Lifecycle("test");
        lifecycle.register("server", () -> seen.add("server closed"));
        lifecycle.register("drain", new ReadinessDrain(Duration.ofSeconds(4), delay -> seen.add("waited " + delay)));

        lifecycle.close();

        assertThat(seen).containsExactly("waited PT4S", "server closed");
    }

    @Test
    void aZeroDelayOnlyMarksNotReady() {
        ReadinessDrain drain = new ReadinessDrain(Duration.ZERO, delay -> seen.add("waited"));

        drain.close();

        assertThat(seen).isEmpty();
        assertThat(drain.notReadyReason()).isEqualTo("draining");
    }

    @Test
    void refusesANegativeDelay() {
        assertThatThrownBy(() -> new ReadinessDrain(Duration.ofSeconds(-1), delay -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
