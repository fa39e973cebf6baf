package io.skirmish.game.net;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The matches this server hosts, by match id, and the live UDP connections, by connection id.
 * Thread-safe: the allocation thread adds matches, TCP event loops add and remove connections,
 * UDP threads look connections up per packet, the event publisher removes ended matches.
 */
public final class SessionDirectory {

    private final ConcurrentMap<String, MatchSessions> matches = new ConcurrentHashMap<>();
    /** Looked up per datagram in and per snapshot out: no boxed key, no lock (see ConnectionTable). */
    private final ConnectionTable connections = new ConnectionTable();
    private final AtomicInteger players = new AtomicInteger();

    public void addMatch(MatchSessions sessions) {
        matches.put(sessions.handle().spec().matchId(), sessions);
    }

    public MatchSessions match(String matchId) {
        return matches.get(matchId);
    }

    public void removeMatch(String matchId) {
        matches.remove(matchId);
    }

    public Collection<MatchSessions> matches() {
        return matches.values();
    }

    public int matchCount() {
        return matches.size();
    }

    public void addConnection(UdpConnection connection) {
        if (connections.put(connection)) {
            players.incrementAndGet();
        }
    }

    public UdpConnection connection(long connectionId) {
        return connections.get(connectionId);
    }

    public void removeConnection(UdpConnection connection) {
        if (connections.remove(connection)) {
            players.decrementAndGet();
        }
    }

    /** Players with a live connection. */
    public int connectedPlayers() {
        return players.get();
    }

    /** A copy of the live connections (for periodic sweeps, not per packet). */
    public Collection<UdpConnection> connections() {
        return connections.values();
    }
}
