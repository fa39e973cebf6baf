package io.skirmish.game.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IncarnationTest {

    private final InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(1_765_000_000_000L));

    @Test
    void isHexSoTheRegistryKeysCanSplitItFromTheServerId() {
        assertThat(Incarnation.next(clock, new SplittableRandom(1))).matches("[0-9a-f]+").doesNotContain(":");
    }

    @Test
    void twoStartsInTheSameMillisecondDiffer() {
        SplittableRandom random = new SplittableRandom(7);

        assertThat(Incarnation.next(clock, random)).isNotEqualTo(Incarnation.next(clock, random));
    }

    @Test
    void startsWithTheStartTimeSoLaterLivesReadAsLater() {
        assertThat(Incarnation.next(clock, new SplittableRandom(1))).startsWith(Long.toHexString(1_765_000_000_000L));
    }
}
