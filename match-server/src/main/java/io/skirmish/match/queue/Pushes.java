package io.skirmish.match.queue;

import io.skirmish.protocol.match.v1.ServerMessage;

/**
 * Delivers a push to a player, whichever match-server instance holds its connection (the
 * network layer delivers locally when it can and publishes on the player's Redis channel
 * otherwise). At most once: a player that is not connected anywhere misses it, and gets the
 * state on its next {@code QueueStatusRequest}.
 */
@FunctionalInterface
public interface Pushes {
    void push(String playerId, ServerMessage message);
}
