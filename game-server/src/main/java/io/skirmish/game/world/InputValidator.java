package io.skirmish.game.world;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Judges untrusted inputs before the world applies them, and counts what it refused per
 * {@link InputRejection}. Clients send inputs only; everything they could lie about (speed,
 * fire rate, sequence, timing) is checked here.
 *
 * <p>Called only by the tick thread that owns the match. The counters are read by the
 * metrics thread, hence the atomic array; writes are {@code lazySet}, which costs a plain
 * store on x86.
 */
public final class InputValidator {

    /** How far ahead of the last applied input a sequence may jump (about four seconds at 30 Hz). */
    public static final long MAX_SEQUENCE_LEAD = 128;

    private final AtomicLongArray rejections = new AtomicLongArray(InputRejection.values().length);

    /** False when the input must be dropped whole. */
    public boolean acceptable(PlayerInput input, long lastAppliedSequence) {
        if (!Float.isFinite(input.moveX) || !Float.isFinite(input.moveY) || !Float.isFinite(input.aimRadians)) {
            count(InputRejection.NON_FINITE);
            return false;
        }
        if (input.sequence <= lastAppliedSequence) {
            count(InputRejection.STALE_SEQUENCE);
            return false;
        }
        if (input.sequence > lastAppliedSequence + MAX_SEQUENCE_LEAD) {
            count(InputRejection.FUTURE_SEQUENCE);
            return false;
        }
        return true;
    }

    /** Scales the movement vector down to unit length when the client asked for more. */
    public void clampMovement(PlayerInput input) {
        float lengthSquared = input.moveX * input.moveX + input.moveY * input.moveY;
        if (lengthSquared > 1.0001f) {
            float scale = (float) (1.0 / Math.sqrt(lengthSquared));
            input.moveX *= scale;
            input.moveY *= scale;
            count(InputRejection.SPEED_CLAMPED);
        }
    }

    /** Whether a shot at {@code tick} respects the fire interval since {@code lastShotTick}. */
    public boolean shotAllowed(long tick, long lastShotTick, long fireIntervalTicks) {
        if (tick - lastShotTick < fireIntervalTicks) {
            count(InputRejection.FIRE_RATE);
            return false;
        }
        return true;
    }

    /** The tick a shot is judged at: the shooter's view, clamped into [now - cap, now]. */
    public long rewindTick(long viewTick, long tick, long maxRewindTicks) {
        long earliest = tick - maxRewindTicks;
        if (viewTick > tick || viewTick < earliest) {
            count(InputRejection.VIEW_TICK_CLAMPED);
            return viewTick > tick ? tick : earliest;
        }
        return viewTick;
    }

    public void count(InputRejection reason) {
        int index = reason.ordinal();
        rejections.lazySet(index, rejections.get(index) + 1);
    }

    /** Total refused for {@code reason} since start; safe from any thread. */
    public long rejections(InputRejection reason) {
        return rejections.get(reason.ordinal());
    }
}
