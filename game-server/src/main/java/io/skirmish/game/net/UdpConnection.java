package io.skirmish.game.net;

import java.net.InetSocketAddress;

import javax.crypto.SecretKey;

import io.netty.channel.Channel;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketSealer;

/**
 * One player's real-time channel: the UDP connection id and key agreed over TCP, the player's
 * match and slot, and the address its authentic packets come from.
 *
 * <p>Threads: created by the TCP event loop that accepted the Connect; {@link #opener()} and
 * the input fields are used only by the UDP thread that receives for this connection;
 * {@link #sealer()} only by the snapshot sender thread of the connection's tick lane, which
 * also reads the opener's newest sequence (as the ack; a stale value only delays an ack).
 * {@link #remote()} is set once by the receiver and read by the sender, hence volatile.
 */
public final class UdpConnection {

    private final long connectionId;
    private final MatchHandle match;
    private final int slot;
    private final String playerId;
    private final Channel tcp;
    private final PacketOpener opener;
    private final PacketSealer sealer;
    private volatile InetSocketAddress remote;
    private volatile long lastHeardNanos;
    private long highestInputSequence;

    public UdpConnection(long connectionId, SecretKey key, MatchHandle match, int slot, String playerId,
                         Channel tcp, long nowNanos) {
        this.connectionId = connectionId;
        this.match = match;
        this.slot = slot;
        this.playerId = playerId;
        this.tcp = tcp;
        this.opener = new PacketOpener(key, connectionId, Direction.CLIENT_TO_SERVER);
        this.sealer = new PacketSealer(key, connectionId, Direction.SERVER_TO_CLIENT);
        this.lastHeardNanos = nowNanos;
    }

    public long connectionId() {
        return connectionId;
    }

    public MatchHandle match() {
        return match;
    }

    public int slot() {
        return slot;
    }

    public String playerId() {
        return playerId;
    }

    public Channel tcp() {
        return tcp;
    }

    public PacketOpener opener() {
        return opener;
    }

    public PacketSealer sealer() {
        return sealer;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /** Binds the connection to the address of its first authentic packet; false if it differs. */
    boolean acceptFrom(InetSocketAddress sender) {
        InetSocketAddress bound = remote;
        if (bound == null) {
            remote = sender;
            return true;
        }
        return bound.equals(sender);
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    public long lastHeardNanos() {
        return lastHeardNanos;
    }

    /** True when {@code sequence} is newer than every input already handed to the tick loop. */
    boolean newInput(long sequence) {
        if (sequence <= highestInputSequence) {
            return false;
        }
        highestInputSequence = sequence;
        return true;
    }
}
