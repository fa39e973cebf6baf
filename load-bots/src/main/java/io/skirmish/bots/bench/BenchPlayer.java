package io.skirmish.bots.bench;

import io.netty.channel.Channel;
import io.skirmish.client.ConnectHandshake;
import io.skirmish.client.InputHistory;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketSealer;

/**
 * One simulated player of the load benchmark: the connect token it was issued, its TCP
 * connection and the UDP keys from its handshake, the inputs it sent recently (for
 * redundancy, and their send times for the input-to-visible latency), and the newest snapshot
 * it has seen.
 *
 * <p>Threads: everything here is touched only on the event loop of its {@link UdpLane} (its TCP
 * channel is registered on the same loop), except {@link #state}, which the coordinator reads.
 */
final class BenchPlayer {

    /** Send times kept per input sequence; an input older than this is not measured. */
    static final int SENT_TIMES = 64;

    enum State { NEW, CONNECTING, CONNECTED, PLAYING, CLOSED, FAILED }

    final String playerId;
    final String matchId;
    final byte[] token;
    final UdpLane lane;
    final InputHistory inputs = new InputHistory(UdpLane.REDUNDANT_INPUTS);
    final long[] sentAtNs = new long[SENT_TIMES];
    volatile State state = State.NEW;
    volatile String failure;
    ConnectHandshake handshake;
    Channel tcp;
    long connectionId;
    PacketSealer sealer;
    PacketOpener opener;
    long sequence;
    long newestSnapshotTick;
    /** Its match's tick origin as this client's clock sees it ({@link TickTiming}). */
    long tickOriginNs = TickTiming.UNKNOWN;
    long lastProcessedInput;
    double heading;
    int attempts;

    BenchPlayer(String playerId, String matchId, byte[] token, UdpLane lane) {
        this.playerId = playerId;
        this.matchId = matchId;
        this.token = token;
        this.lane = lane;
    }
}
