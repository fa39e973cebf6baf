package io.skirmish.game.net;

import io.skirmish.game.tick.InboundDescriptor;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.kit.log.RateLimitedLog;

/**
 * The match slot one TCP connection holds once its Connect succeeded: the player's UDP
 * connection and the match's sessions. {@link ConnectHandler} takes it; a Leave
 * ({@link GameRequestDispatcher}) or the connection's close gives it back, once. Event loop of
 * the connection only.
 */
final class PlayerSlot {

    private final SessionDirectory directory;
    private final RateLimitedLog badInputLog;
    private UdpConnection connection;
    private MatchSessions sessions;

    PlayerSlot(SessionDirectory directory, RateLimitedLog badInputLog) {
        this.directory = directory;
        this.badInputLog = badInputLog;
    }

    boolean held() {
        return connection != null;
    }

    /** The Connect went through: this connection now speaks for {@code udp}'s slot in {@code match}. */
    void take(UdpConnection udp, MatchSessions match) {
        connection = udp;
        sessions = match;
        match.attach(udp);
        directory.addConnection(udp);
    }

    /** A deliberate Leave: the slot is not kept for a reconnect. */
    void leave() {
        if (connection != null) {
            sessions.markGone(connection.slot());
            release(InboundDescriptor.LEFT);
        }
    }

    /** The connection closed: the slot is kept for the reconnect grace. */
    void disconnected() {
        release(InboundDescriptor.DISCONNECTED);
    }

    /** Gives the slot back: {@code DISCONNECTED} keeps it for the grace period, {@code LEFT} frees it. */
    private void release(int type) {
        UdpConnection udp = connection;
        if (udp == null) {
            return;
        }
        connection = null;
        directory.removeConnection(udp);
        if (sessions.detach(udp) || type == InboundDescriptor.LEFT) {
            MatchHandle match = udp.match();
            if (!match.connectionEvent(type, udp.slot(), udp.connectionId())) {
                // The agent's queue is full; the grace timer or the match end settle the slot.
                badInputLog.warn("inbound-full", "connection event lost matchId={} slot={}",
                        match.spec().matchId(), udp.slot());
            }
        }
    }
}
