package io.skirmish.ranking.board;

/**
 * Packs a board value and the time it was reached into one sorted-set score, so that Redis
 * orders a board by value, then by <b>earlier achievement first</b>, with no second lookup.
 *
 * <pre>
 *  52                    32 31                                 0
 * +------------------------+------------------------------------+
 * | value (21 bits)        | MAX_TIME_S - seconds since 2024-01-01 UTC (32 bits) |
 * +------------------------+------------------------------------+
 * score = value * 2^32 + (2^32 - 1 - achievedSeconds)      (an integer below 2^53)
 * </pre>
 *
 * <p>A double holds every integer below 2^53 exactly, so the score is exact, Lua's number type
 * computes it exactly, and {@code ZREVRANGE} (highest first) gives the higher value first and,
 * for equal values, the smaller achievement time first. Two entries with the same value reached
 * in the same second have equal scores; Redis then orders them by member bytes (a reverse range
 * gives the larger player id first), which is deterministic.
 *
 * <p>Values are clamped to 0..{@link #MAX_VALUE} (2,097,151: a display rating of 2 million is
 * an ordinal of about 52,000, far beyond any real player); times to 2024-01-01 .. 2160-02-07.
 * Pure and thread-safe.
 */
public final class ScoreCodec {

    public static final int TIME_BITS = 32;
    public static final int VALUE_BITS = 21;
    public static final long MAX_VALUE = (1L << VALUE_BITS) - 1;
    /** 2024-01-01T00:00:00Z: achievement times are counted in seconds from here. */
    public static final long EPOCH_MS = 1_704_067_200_000L;
    public static final long MAX_TIME_S = (1L << TIME_BITS) - 1;
    /** 2^32 as a double, the multiplier of the value part (the scripts use the same constant). */
    public static final double TIME_SPAN = 4_294_967_296.0;

    private ScoreCodec() {
    }

    /** The score of {@code value} reached at {@code achievedAtMs} (epoch milliseconds). */
    public static double encode(long value, long achievedAtMs) {
        return clampValue(value) * TIME_SPAN + timePart(achievedAtMs);
    }

    /** The low 32 bits: {@code MAX_TIME_S - seconds since EPOCH}, larger for earlier times. */
    public static long timePart(long achievedAtMs) {
        long seconds = Math.floorDiv(achievedAtMs - EPOCH_MS, 1000L);
        return MAX_TIME_S - Math.max(0, Math.min(MAX_TIME_S, seconds));
    }

    public static long clampValue(long value) {
        return Math.max(0, Math.min(MAX_VALUE, value));
    }

    /** The value part of a score. */
    public static long value(double score) {
        return (long) Math.floor(score / TIME_SPAN);
    }

    /** When the value was reached, epoch milliseconds at second resolution. */
    public static long achievedAtMs(double score) {
        long value = value(score);
        long timePart = (long) (score - value * TIME_SPAN);
        return EPOCH_MS + (MAX_TIME_S - timePart) * 1000L;
    }
}
