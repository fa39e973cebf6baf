package io.skirmish.game.world;

/**
 * One client input as the world consumes it: a mutable holder reused for every input so the
 * tick path allocates nothing. Values are untrusted until {@link InputValidator} has seen them.
 */
public final class PlayerInput {

    /** Client's input sequence number, strictly increasing per player. */
    public long sequence;
    /** Desired movement direction; its length is the fraction of top speed (at most 1). */
    public float moveX;
    public float moveY;
    /** Aim angle in radians, 0 = +x, counter-clockwise. */
    public float aimRadians;
    /** True when the client asks to fire on this input. */
    public boolean fire;
    /** The newest snapshot tick the client had when it made this input, for lag compensation. */
    public long viewTick;

    public PlayerInput set(long sequence, float moveX, float moveY, float aimRadians, boolean fire, long viewTick) {
        this.sequence = sequence;
        this.moveX = moveX;
        this.moveY = moveY;
        this.aimRadians = aimRadians;
        this.fire = fire;
        this.viewTick = viewTick;
        return this;
    }

    public void copyFrom(PlayerInput other) {
        set(other.sequence, other.moveX, other.moveY, other.aimRadians, other.fire, other.viewTick);
    }
}
