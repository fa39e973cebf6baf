package io.skirmish.protocol.game;

/**
 * Conversions between game units and the quantized integers of {@code skirmish/game/v1/packets.proto},
 * in one place so that server, bots and tests agree on rounding. Pure functions.
 */
public final class Quantize {
    /** Wire value of a full-speed movement axis. */
    public static final int MAX_MOVE = 127;
    /** Number of distinct aim angles (the wire value is 0..65535). */
    public static final int AIM_STEPS = 65536;

    private static final double TWO_PI = 2 * Math.PI;

    private Quantize() {
    }

    /** Metres to wire centimetres (rounded to nearest). */
    public static int metresToCm(double metres) {
        return (int) Math.round(metres * 100.0);
    }

    /** Wire centimetres to metres. */
    public static double cmToMetres(int centimetres) {
        return centimetres / 100.0;
    }

    /** An angle in radians (any value) to the wire aim 0..65535. */
    public static int radiansToAim(double radians) {
        double turns = radians / TWO_PI;
        turns -= Math.floor(turns);
        return (int) Math.round(turns * AIM_STEPS) & (AIM_STEPS - 1);
    }

    /** A wire aim (only its low 16 bits count) to radians in [0, 2*pi). */
    public static double aimToRadians(int aim) {
        return (aim & (AIM_STEPS - 1)) * TWO_PI / AIM_STEPS;
    }

    /** A movement axis in [-1, 1] (clamped) to the wire value -127..127. */
    public static int axisToMove(double axis) {
        double clamped = Math.max(-1.0, Math.min(1.0, axis));
        return (int) Math.round(clamped * MAX_MOVE);
    }

    /** A wire movement value (clamped to -127..127, as the server must) to [-1, 1]. */
    public static double moveToAxis(int move) {
        return Math.max(-MAX_MOVE, Math.min(MAX_MOVE, move)) / (double) MAX_MOVE;
    }
}
