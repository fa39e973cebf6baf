package io.skirmish.game.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The tick path must allocate nothing in steady state (a garbage collection pause is a late
 * tick). Measured in bytes with the JVM's per-thread allocation counter, not in time.
 */
class WorldAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void stepsAndInputsAllocateNothingInSteadyState() {
        PlayerInput input = new PlayerInput();
        long[] sequence = new long[MatchMode.FFA.players()];
        World world = new World(MatchMode.FFA, ArenaRules.standard(), 30, WorldEvents.NONE, new InputValidator());
        boolean[] arrived = new boolean[MatchMode.FFA.players()];
        Arrays.fill(arrived, true);
        world.start(arrived);
        play(world, input, sequence, 2_000);

        long before = allocatedBytes();
        play(world, input, sequence, 2_000);
        long allocated = allocatedBytes() - before;

        assertThat(world.ended()).isFalse();
        assertThat(allocated).as("bytes allocated by 2,000 ticks of 8 players").isLessThan(256);
    }

    private static void play(World world, PlayerInput input, long[] sequence, int ticks) {
        for (int i = 0; i < ticks; i++) {
            for (int player = 0; player < world.players(); player++) {
                float angle = (i + player * 7) * 0.05f;
                world.onInput(player, input.set(++sequence[player], (float) Math.cos(angle),
                        (float) Math.sin(angle), angle, i % 3 == 0, world.tick()));
            }
            world.step();
        }
    }

    private static long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
