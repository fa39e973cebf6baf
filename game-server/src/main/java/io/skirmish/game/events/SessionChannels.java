package io.skirmish.game.events;

import io.netty.channel.ChannelFutureListener;
import io.skirmish.game.net.MatchSessions;
import io.skirmish.game.net.SessionDirectory;
import io.skirmish.game.net.UdpConnection;
import io.skirmish.protocol.game.v1.ServerMessage;

/** {@link PlayerChannels} over the game server's session directory: writes go to the players' TCP channels. */
public final class SessionChannels implements PlayerChannels {

    private final SessionDirectory directory;

    public SessionChannels(SessionDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void send(String matchId, ServerMessage message) {
        MatchSessions sessions = directory.match(matchId);
        if (sessions == null) {
            return;
        }
        for (UdpConnection connection : sessions.snapshotConnections()) {
            if (connection != null) {
                connection.tcp().writeAndFlush(message);
            }
        }
    }

    @Override
    public void end(String matchId, ServerMessage message) {
        MatchSessions sessions = directory.match(matchId);
        if (sessions == null) {
            return;
        }
        for (UdpConnection connection : sessions.end()) {
            if (connection != null) {
                directory.removeConnection(connection);
                connection.tcp().writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public void forget(String matchId) {
        directory.removeMatch(matchId);
    }
}
