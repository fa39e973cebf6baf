package io.skirmish.match.queue;

import io.skirmish.protocol.match.v1.ServerMessage;

import java.util.List;

/**
 * Delivers a push to a player, whichever match-server instance holds its connection (the
 * network layer delivers locally when it can and publishes on the player's Redis channel
 * otherwise). At most once: a player that is not connected anywhere misses it, and gets the
 * state on its next {@code QueueStatusRequest}.
 */
@FunctionalInterface
public interface Pushes {

    /** One push to one player. */
    record Push(String playerId, ServerMessage message) {
    }

    void push(String playerId, ServerMessage message);

    /** Several pushes; an implementation may send the remote ones in one round trip. */
    default void pushAll(List<Push> pushes) {
        for (Push push : pushes) {
            push(push.playerId(), push.message());
        }
    }
}
