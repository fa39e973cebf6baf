package io.skirmish.kit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LifecycleTest {

    private final List<String> stopped = new ArrayList<>();

    @Test
    void stopsInReverseOrderOfStart() {
        Lifecycle lifecycle = new Lifecycle("test");
        lifecycle.register("redis", () -> stopped.add("redis"));
        lifecycle.register("server", () -> stopped.add("server"));

        lifecycle.close();

        assertThat(stopped).containsExactly("server", "redis");
    }

    @Test
    void aFailingStopDoesNotSkipTheRest() throws InterruptedException {
        Lifecycle lifecycle = new Lifecycle("test");
        lifecycle.register("redis", () -> stopped.add("redis"));
        lifecycle.register("broken", () -> {
            throw new IllegalStateException("boom");
        });

        lifecycle.close();

        assertThat(stopped).containsExactly("redis");
        assertThat(lifecycle.awaitStopped(0, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closesOnceAndRefusesLateRegistration() {
        Lifecycle lifecycle = new Lifecycle("test");
        lifecycle.register("redis", () -> stopped.add("redis"));

        lifecycle.close();
        lifecycle.close();

        assertThat(stopped).containsExactly("redis");
        assertThatThrownBy(() -> lifecycle.register("late", () -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("late");
    }
}
