package io.skirmish.game.tick;

import io.skirmish.game.match.MatchSpec;

/**
 * How threads other than the tick agent address a running match: which agent runs it, at which
 * index and generation, and the publisher to hand it inputs with. Immutable; the generation
 * tells a live match from an ended one whose index was reused.
 */
public record MatchHandle(MatchSpec spec, int agentId, int matchIndex, int generation, InboundPublisher inbound) {

    /** {@code receivedNs}: when the input's datagram was read, on the tick agents' clock. */
    public boolean input(int slot, long sequence, long viewTick, float moveX, float moveY, float aim, boolean fire,
                         long receivedNs) {
        return inbound.input(matchIndex, generation, slot, sequence, viewTick, moveX, moveY, aim, fire, receivedNs);
    }

    public boolean connectionEvent(int type, int slot, long connectionId) {
        return inbound.connectionEvent(type, matchIndex, generation, slot, connectionId);
    }
}
