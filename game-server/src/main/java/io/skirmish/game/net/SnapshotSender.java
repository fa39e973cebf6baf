package io.skirmish.game.net;

import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.game.tick.MatchAgent;
import io.skirmish.game.tick.ResidenceStats;
import io.skirmish.kit.net.DatagramOut;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Takes the snapshots one tick agent encoded, seals each for its connection (AES-GCM) and sends
 * it, on a thread of its own (an {@code AgentRunner}): the UDP event loops only read inputs, so
 * a burst of a thousand sends after a tick never delays the inputs of the next one, and the
 * tick thread never touches a socket.
 *
 * <p>Sends go straight to the UDP socket ({@link DatagramOut}) from one reused buffer: no
 * allocation per snapshot. Late is as bad as lost for a snapshot, so nothing queues beyond the
 * ring: a snapshot the socket cannot take at once (send buffer full) is dropped, and when the
 * sender reaches a tick's snapshots more than {@code staleAfterNs} after the tick made them (the
 * sender was starved of CPU), it drops that whole tick, because newer snapshots for the same
 * players are already behind it in the ring. Snapshots for a connection that closed, that
 * has not sent an authentic packet yet (so its address is unknown), or whose newest authentic
 * packet is older than the silence (its endpoint may no longer be the player's: never stream at
 * an address that stopped proving it wants the stream) are dropped too. Every drop is counted by
 * cause. Where each snapshot's time went (the sender's wake-up, tick start to socket, input read
 * to socket) is recorded in the lane's {@link ResidenceStats}: one clock read per snapshot sent.
 *
 * <p>Threads: {@link #doWork()} on the sender's own thread, the only user of the sealers of the
 * lane's connections; {@link #wake()} from the tick thread after each tick.
 */
public final class SnapshotSender implements Agent {

    /** Snapshots handled per duty cycle before checking for a wake-up again. */
    private static final int BATCH = 4096;

    private final String roleName;
    private final NanoClock clock;
    private final long staleAfterNs;
    private final long silenceNs;
    private final RingBuffer snapshots;
    private final DatagramOut out;
    private final SessionDirectory directory;
    private final NetMetrics metrics;
    private final ResidenceStats residence;
    private final MessageHandler handler = this::onSnapshot;
    private final ByteBuf payload = Unpooled.buffer(UdpLimits.MAX_PAYLOAD_BYTES);
    private final ByteBuf datagram = Unpooled.directBuffer(UdpLimits.MAX_PACKET_BYTES);
    private volatile Thread thread;
    /** The current tick's snapshots are stale: drop them until the next tick starts. */
    private boolean skippingTick;
    /** When the sender reached the current tick's snapshots (one clock read per tick, not per snapshot). */
    private long tickReachedNs;
    /** When the current tick's phase started on the tick agent. */
    private long tickStartedNs;

    /**
     * @param clock        the tick agent's clock (the tick marks carry its time)
     * @param staleAfterNs a tick's snapshots reached later than this after they were made are dropped
     * @param silenceNs    no snapshot goes to a connection whose newest authentic packet is older than this
     */
    public SnapshotSender(String roleName, NanoClock clock, long staleAfterNs, long silenceNs, RingBuffer snapshots,
                          DatagramOut out, SessionDirectory directory, NetMetrics metrics, ResidenceStats residence) {
        this.roleName = roleName;
        this.clock = clock;
        this.staleAfterNs = staleAfterNs;
        this.silenceNs = silenceNs;
        this.snapshots = snapshots;
        this.out = out;
        this.directory = directory;
        this.metrics = metrics;
        this.residence = residence;
    }

    @Override
    public void onStart() {
        thread = Thread.currentThread();
    }

    /** Any thread: snapshots are waiting; ends the sender's idle park early. */
    public void wake() {
        Thread sender = thread;
        if (sender != null) {
            LockSupport.unpark(sender);
        }
    }

    @Override
    public int doWork() {
        int sent = snapshots.read(handler, BATCH);
        if (sent > 0) {
            out.flush();
        }
        return sent;
    }

    @Override
    public void onClose() {
        datagram.release();
        payload.release();
    }

    private void onSnapshot(int type, MutableDirectBuffer buffer, int index, int length) {
        if (type == MatchAgent.TICK_MESSAGE) {
            tickReachedNs = clock.nanoTime();
            long madeNs = buffer.getLong(index + MatchAgent.TICK_MADE_OFFSET);
            tickStartedNs = buffer.getLong(index + MatchAgent.TICK_STARTED_OFFSET);
            residence.record(ResidenceStats.Stage.SENDER_WAKE, madeNs, tickReachedNs);
            skippingTick = tickReachedNs - madeNs > staleAfterNs;
            return;
        }
        if (type != MatchAgent.SNAPSHOT_MESSAGE) {
            return;
        }
        if (skippingTick) {
            metrics.snapshotStale();
            return;
        }
        UdpConnection connection = directory.connection(buffer.getLong(index + MatchAgent.CONNECTION_ID_OFFSET));
        if (connection == null || connection.remote() == null) {
            metrics.snapshotUnroutable();
            return;
        }
        if (connection.silent(tickReachedNs, silenceNs)) {
            metrics.snapshotSilenced();
            return;
        }
        int payloadLength = length - MatchAgent.SNAPSHOT_HEADER_LENGTH;
        payload.clear();
        buffer.getBytes(index + MatchAgent.SNAPSHOT_HEADER_LENGTH, payload.array(), payload.arrayOffset(), payloadLength);
        payload.writerIndex(payloadLength);
        datagram.clear();
        // The newest input sequence, read from the receiving thread's opener: a stale value only delays an ack.
        long ack = connection.opener().newestSequence();
        connection.sealer().seal(PacketType.SNAPSHOT, Math.max(ack, 0), 0, payload, datagram);
        if (out.send(datagram, connection.remote())) {
            metrics.sent(datagram.readableBytes());
            long sentNs = clock.nanoTime();
            residence.record(ResidenceStats.Stage.TICK_TO_SOCKET, tickStartedNs, sentNs);
            long inputReceivedNs = buffer.getLong(index + MatchAgent.INPUT_RECEIVED_OFFSET);
            if (inputReceivedNs != ResidenceStats.NO_INPUT) {
                residence.record(ResidenceStats.Stage.INPUT_TO_SOCKET, inputReceivedNs, sentNs);
            }
        } else {
            metrics.snapshotUnsent();
        }
    }

    @Override
    public String roleName() {
        return roleName;
    }
}
