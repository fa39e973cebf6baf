package io.skirmish.kit.net.guard;

/**
 * Told to the service handler (a user event) just before a guard closes the connection, so that it
 * can write its own protocol's {@code Error} first. The guard closes the connection right after,
 * whatever the handler does.
 */
public enum GuardEvent {
    /** The handshake did not complete within its deadline. */
    HANDSHAKE_DEADLINE,
    /** Nothing was sent or received for the idle timeout. */
    IDLE
}
