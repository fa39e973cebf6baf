package io.skirmish.game.events;

import io.skirmish.protocol.game.v1.ServerMessage;

/**
 * The publisher's reliable path to a match's players (their TCP connections). {@link SessionChannels}
 * writes to Netty channels; the publisher's unit tests record the messages instead.
 * Publisher thread only; implementations hand the writes to the network's threads.
 */
public interface PlayerChannels {

    /** Sends {@code message} to every player of the match connected now. */
    void send(String matchId, ServerMessage message);

    /** Sends the last {@code message} to every player of the match and closes their connections. */
    void end(String matchId, ServerMessage message);

    /** Forgets the match once its result is stored (its slot is free again). */
    void forget(String matchId);
}
