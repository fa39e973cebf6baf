package io.skirmish.game.world;

/** Converts rule durations into whole ticks at a given tick rate. */
public final class TickMath {

    private TickMath() {
    }

    /** Ticks needed to cover {@code millis}, rounded up so a limit is never shortened. */
    public static long ticksFor(long millis, int tickRateHz) {
        return (millis * tickRateHz + 999) / 1000;
    }
}
