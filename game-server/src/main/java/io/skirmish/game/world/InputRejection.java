package io.skirmish.game.world;

import java.util.Locale;

/** Why an input, or part of it, was not applied as sent. Used as a low-cardinality metric tag. */
public enum InputRejection {
    /** NaN or infinite movement or aim: the whole input is dropped. */
    NON_FINITE,
    /** Movement faster than the top speed: clamped to it. */
    SPEED_CLAMPED,
    /** A shot sooner than the fire interval after the previous one: the shot is dropped. */
    FIRE_RATE,
    /** A sequence number at or below one already applied (and not a redundant copy): dropped. */
    STALE_SEQUENCE,
    /** A sequence number too far ahead of the last applied one: dropped. */
    FUTURE_SEQUENCE,
    /** A view tick in the future or older than the rewind cap: the shot is judged at the cap. */
    VIEW_TICK_CLAMPED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
