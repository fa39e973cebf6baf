package io.skirmish.game.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.skirmish.game.tick.MatchAgent;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes the snapshots one tick agent encoded, seals each for its connection (AES-GCM) and sends
 * it over the UDP channel, then flushes once. Runs on the UDP channel's event loop, scheduled by
 * the agent after each tick ({@link #wake()}), so the tick thread never touches a socket.
 * Snapshots for a connection that closed, or that has not sent an authentic packet yet (so its
 * address is unknown), are counted and dropped.
 */
public final class SnapshotSender implements Runnable {

    private final RingBuffer snapshots;
    private final Channel udp;
    private final SessionDirectory directory;
    private final NetMetrics metrics;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final MessageHandler handler = this::onSnapshot;
    private ByteBuf payload;

    public SnapshotSender(RingBuffer snapshots, Channel udp, SessionDirectory directory, NetMetrics metrics) {
        this.snapshots = snapshots;
        this.udp = udp;
        this.directory = directory;
        this.metrics = metrics;
    }

    /** Any thread: makes sure a drain runs soon on the UDP event loop (at most one queued). */
    public void wake() {
        if (scheduled.compareAndSet(false, true)) {
            udp.eventLoop().execute(this);
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        if (payload == null) {
            payload = udp.alloc().heapBuffer(UdpLimits.MAX_PAYLOAD_BYTES);
        }
        int sent = snapshots.read(handler, Integer.MAX_VALUE);
        if (sent > 0) {
            udp.flush();
        }
    }

    private void onSnapshot(int type, MutableDirectBuffer buffer, int index, int length) {
        if (type != MatchAgent.SNAPSHOT_MESSAGE) {
            return;
        }
        UdpConnection connection = directory.connection(buffer.getLong(index));
        if (connection == null || connection.remote() == null) {
            metrics.snapshotUnroutable();
            return;
        }
        int payloadLength = length - MatchAgent.CONNECTION_ID_LENGTH;
        payload.clear();
        buffer.getBytes(index + MatchAgent.CONNECTION_ID_LENGTH, payload.array(), payload.arrayOffset(), payloadLength);
        payload.writerIndex(payloadLength);
        ByteBuf datagram = udp.alloc().directBuffer(UdpLimits.MAX_PACKET_BYTES);
        long ack = connection.opener().newestSequence();
        connection.sealer().seal(PacketType.SNAPSHOT, Math.max(ack, 0), 0, payload, datagram);
        metrics.sent(datagram.readableBytes());
        udp.write(new DatagramPacket(datagram, connection.remote()), udp.voidPromise());
    }
}
