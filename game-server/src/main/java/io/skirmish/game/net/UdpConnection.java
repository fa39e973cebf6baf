package io.skirmish.game.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.SecretKey;

import io.netty.channel.Channel;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketSealer;

/**
 * One player's real-time channel: the UDP connection id and key agreed over TCP, the player's
 * match and slot, the IP address of its TCP connection (the only one its datagrams may come
 * from) and the endpoint its newest authentic packet came from.
 *
 * <p>Threads: created by the TCP event loop that accepted the Connect. The first UDP thread that
 * receives a datagram for the connection becomes its receiver ({@link #receiver}); datagrams that
 * reach another socket's thread are handed to it, so {@link #opener()} and the input fields are
 * only ever used by that one thread. {@link #sealer()} is used only by the snapshot sender thread
 * of the connection's tick lane, which also reads the opener's newest sequence (as the ack; a
 * stale value only delays an ack). {@link #remote()} and the last-heard time are written by the
 * receiver and read by the sender and the silence watch, hence volatile.
 */
public final class UdpConnection {

    private final long connectionId;
    private final MatchHandle match;
    private final int slot;
    private final String playerId;
    private final Channel tcp;
    private final InetAddress tcpPeer;
    private final AtomicReference<UdpPacketHandler> receiver = new AtomicReference<>();
    private final AtomicInteger forwarding = new AtomicInteger();
    private final PacketOpener opener;
    private final PacketSealer sealer;
    private volatile InetSocketAddress remote;
    private volatile long lastHeardNanos;
    private volatile boolean silenced;
    private long highestInputSequence;

    /**
     * @param tcpPeer  the IP address of the TCP connection that made the handshake: the only
     *                 source address accepted for this connection's datagrams
     * @param nowNanos the connection counts as heard now (silence is measured from the Welcome)
     */
    public UdpConnection(long connectionId, SecretKey key, MatchHandle match, int slot, String playerId,
                         Channel tcp, InetAddress tcpPeer, long nowNanos) {
        this.connectionId = connectionId;
        this.match = match;
        this.slot = slot;
        this.playerId = playerId;
        this.tcp = tcp;
        this.tcpPeer = tcpPeer;
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

    /**
     * Whether {@code sender} may speak for this connection: it must be the TCP peer's IP address,
     * the proof (as in netcode.io) that the address can receive, since a TCP handshake cannot
     * complete from a spoofed source. Checked before any decryption.
     */
    boolean fromPeerAddress(InetSocketAddress sender) {
        return tcpPeer.equals(sender.getAddress());
    }

    /**
     * Records the source of an authentic packet from the peer's address as the endpoint snapshots
     * go to; returns true when it changed (the first packet, or a NAT that rebound the port).
     */
    boolean acceptFrom(InetSocketAddress sender) {
        if (sender.equals(remote)) {
            return false;
        }
        remote = sender;
        return true;
    }

    /**
     * The UDP thread that decrypts this connection's datagrams: the first to ask becomes it, and
     * every later caller learns which one it is, to hand its datagrams over.
     */
    UdpPacketHandler receiver(UdpPacketHandler asking) {
        UdpPacketHandler owner = receiver.compareAndExchange(null, asking);
        return owner == null ? asking : owner;
    }

    /** Counts a datagram handed to the receiver thread; false (not counted) above {@code max} waiting. */
    boolean startForward(int max) {
        if (forwarding.incrementAndGet() > max) {
            forwarding.decrementAndGet();
            return false;
        }
        return true;
    }

    void forwardDone() {
        forwarding.decrementAndGet();
    }

    /** Silent longer than {@code silenceNanos} at {@code nowNanos}: no snapshot may go to its endpoint. */
    public boolean silent(long nowNanos, long silenceNanos) {
        return nowNanos - lastHeardNanos > silenceNanos;
    }

    /** Marks the connection as closed for silence; true the first time. Called by the silence watch only. */
    boolean markSilenced() {
        if (silenced) {
            return false;
        }
        silenced = true;
        return true;
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
