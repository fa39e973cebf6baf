package io.skirmish.game.net;

import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.EventExecutor;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.game.wire.InputBatchReader;
import io.skirmish.protocol.game.Quantize;
import io.skirmish.protocol.udp.PacketHeader;
import io.skirmish.protocol.udp.PacketHeaderDescriptor;
import io.skirmish.protocol.udp.PacketStatus;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;

/**
 * Receives every datagram of the game server. Cheapest checks first, and nothing is parsed
 * before the packet is authentic: size, then the header's connection id (unknown ids are dropped
 * without any crypto), then the sender's IP address (it must be the connection's TCP peer), then
 * the connection's {@code PacketOpener} (magic, version, type, replay window, AES-GCM tag). Only
 * then is the endpoint updated, the payload read with a zero-allocation {@link InputBatchReader},
 * and new inputs handed to the match's tick agent.
 *
 * <p>One thread decrypts a connection's datagrams, whatever socket they reach: with several UDP
 * sockets on the port ({@code SO_REUSEPORT}), a client whose source port changes, or a second
 * socket of the same client, can land on another socket. The first handler to see the connection
 * becomes its receiver; the others hand it the datagram (at most {@value #MAX_FORWARDING} waiting
 * per connection), because the opener's replay window is single-threaded.
 *
 * <p>Never replies: the server's only UDP output is snapshots to authenticated connections from
 * their TCP peer's address, so it cannot be used to reflect or amplify a spoofed request. Every
 * drop is counted by reason.
 *
 * <p>Runs on the UDP channel's event loop; one instance per channel.
 */
public final class UdpPacketHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    /** Datagrams of one connection waiting to be handed to its receiver thread. */
    static final int MAX_FORWARDING = 64;

    private final SessionDirectory directory;
    private final NetMetrics metrics;
    private final PacketHeader header = new PacketHeader();
    private final InputBatchReader inputs = new InputBatchReader();
    private final InputBatch batch = new InputBatch();
    private final LongSupplier nanoClock;
    private ByteBuf payload;
    private EventExecutor executor;

    public UdpPacketHandler(SessionDirectory directory, NetMetrics metrics, LongSupplier nanoClock) {
        this.directory = directory;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        payload = ctx.alloc().directBuffer(UdpLimits.MAX_PACKET_BYTES);
        executor = ctx.executor();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        payload.release();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        // The input's residence in the server (ResidenceStats) starts here.
        long receivedNs = nanoClock.getAsLong();
        ByteBuf datagram = packet.content();
        int size = datagram.readableBytes();
        metrics.received(size);
        if (size < UdpLimits.MIN_PACKET_BYTES) {
            metrics.rejected(PacketStatus.TOO_SHORT);
            return;
        }
        if (size > UdpLimits.MAX_PACKET_BYTES) {
            metrics.rejected(PacketStatus.TOO_LARGE);
            return;
        }
        long connectionId = datagram.getLong(datagram.readerIndex() + PacketHeaderDescriptor.CONNECTION_ID_OFFSET);
        UdpConnection connection = directory.connection(connectionId);
        if (connection == null) {
            metrics.rejected(UdpDrop.UNKNOWN_CONNECTION);
            return;
        }
        if (!connection.fromPeerAddress(packet.sender())) {
            metrics.rejected(UdpDrop.FOREIGN_ADDRESS);
            return;
        }
        UdpPacketHandler receiver = connection.receiver(this);
        if (receiver != this) {
            handOver(receiver, connection, packet, receivedNs);
            return;
        }
        receive(connection, packet, receivedNs);
    }

    /** Gives {@code packet} to the connection's receiver thread (it keeps the opener single-threaded). */
    private void handOver(UdpPacketHandler receiver, UdpConnection connection, DatagramPacket packet,
                          long receivedNs) {
        if (!connection.startForward(MAX_FORWARDING)) {
            metrics.rejected(UdpDrop.FORWARD_BACKLOG);
            return;
        }
        metrics.forwarded();
        packet.retain();
        receiver.executor.execute(() -> {
            try {
                receiver.receive(connection, packet, receivedNs);
            } finally {
                packet.release();
                connection.forwardDone();
            }
        });
    }

    /** On the connection's receiver thread: authenticate, then take the endpoint and the inputs. */
    private void receive(UdpConnection connection, DatagramPacket packet, long receivedNs) {
        ByteBuf datagram = packet.content();
        payload.clear();
        long newestBefore = connection.opener().newestSequence();
        PacketStatus status = connection.opener().open(datagram, payload);
        if (status != PacketStatus.OK) {
            metrics.rejected(status);
            return;
        }
        header.wrap(datagram);
        // Only the newest packet moves the endpoint: a late one (reordered, or handed over from
        // another socket's thread) must not send the stream back to a port the client left.
        InetSocketAddress previous = connection.remote();
        if (header.sequence() > newestBefore && connection.acceptFrom(packet.sender()) && previous != null) {
            metrics.endpointChanged();
        }
        connection.heard(receivedNs);
        if (header.type() == PacketType.INPUT) {
            onInputs(connection, receivedNs);
        }
    }

    private void onInputs(UdpConnection connection, long receivedNs) {
        int count = 0;
        inputs.wrap(payload);
        while (inputs.next()) {
            batch.store(count++, inputs);
        }
        if (inputs.malformed()) {
            metrics.rejected(UdpDrop.MALFORMED_PAYLOAD);
            return;
        }
        if (inputs.overflow()) {
            metrics.rejected(UdpDrop.TOO_MANY_INPUTS);
            return;
        }
        MatchHandle match = connection.match();
        // Inputs come newest first; hand the new ones over oldest first so they apply in order.
        for (int i = count - 1; i >= 0; i--) {
            if (!connection.newInput(batch.sequence[i])) {
                continue;
            }
            boolean handed = match.input(connection.slot(), batch.sequence[i], batch.viewTick[i],
                    (float) Quantize.moveToAxis(batch.moveX[i]), (float) Quantize.moveToAxis(batch.moveY[i]),
                    (float) Quantize.aimToRadians(batch.aim[i]), batch.fire[i], receivedNs);
            if (handed) {
                metrics.inputAccepted();
            } else {
                metrics.rejected(UdpDrop.INBOUND_FULL);
            }
        }
    }

    /** The inputs of one packet, copied out of the reader so they can be replayed in order. */
    private static final class InputBatch {
        final long[] sequence = new long[InputBatchReader.MAX_INPUTS];
        final long[] viewTick = new long[InputBatchReader.MAX_INPUTS];
        final int[] moveX = new int[InputBatchReader.MAX_INPUTS];
        final int[] moveY = new int[InputBatchReader.MAX_INPUTS];
        final int[] aim = new int[InputBatchReader.MAX_INPUTS];
        final boolean[] fire = new boolean[InputBatchReader.MAX_INPUTS];

        void store(int i, InputBatchReader reader) {
            sequence[i] = reader.sequence;
            viewTick[i] = reader.lastReceivedSnapshotTick;
            moveX[i] = reader.moveX;
            moveY[i] = reader.moveY;
            aim[i] = (int) reader.aim;
            fire[i] = reader.fire();
        }
    }
}
