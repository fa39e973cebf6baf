package io.skirmish.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DelayLineTest {

    private final DelayLine<String> line = new DelayLine<>(100);
    private final List<String> out = new ArrayList<>();

    @Test
    void releasesNothingBeforeItsTime() {
        line.add(50, 1, "a");
        assertThat(line.releaseDue(49, out::add)).isZero();
        assertThat(out).isEmpty();
        assertThat(line.nextDueNs()).isEqualTo(50);
    }

    @Test
    void releasesInTimeOrderAndTiesInArrivalOrder() {
        line.add(30, 1, "late");
        line.add(10, 1, "first");
        line.add(10, 1, "second");
        assertThat(line.releaseDue(30, out::add)).isEqualTo(3);
        assertThat(out).containsExactly("first", "second", "late");
        assertThat(line.isEmpty()).isTrue();
        assertThat(line.nextDueNs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesWhatWouldGoOverItsByteLimitButNeverTheFirstItem() {
        assertThat(line.add(1, 150, "big")).isTrue();
        assertThat(line.add(1, 1, "more")).isFalse();
        line.releaseDue(1, out::add);
        assertThat(line.add(1, 60, "a")).isTrue();
        assertThat(line.aboveHighWater()).isTrue();
        assertThat(line.add(1, 41, "b")).isFalse();
        assertThat(line.bytes()).isEqualTo(60);
    }

    @Test
    void clearHandsOverEverythingWaiting() {
        line.add(1_000, 1, "a");
        line.add(2_000, 1, "b");
        line.clear(out::add);
        assertThat(out).containsExactly("a", "b");
        assertThat(line.bytes()).isZero();
    }

    @Test
    void rejectsAZeroLimit() {
        assertThatThrownBy(() -> new DelayLine<String>(0)).hasMessageContaining("maxBytes");
    }
}
