package io.skirmish.bots.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.skirmish.client.SnapshotHeader;
import io.skirmish.kit.net.DatagramOut;
import io.skirmish.protocol.game.Quantize;
import io.skirmish.protocol.udp.PacketHeaderDescriptor;
import io.skirmish.protocol.udp.PacketStatus;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.NanoClock;

/**
 * One client UDP socket shared by many simulated players, on one event loop. The game server
 * routes by the connection id in each packet's header and binds a connection to the address of
 * its first authentic packet, so thousands of players can share a handful of sockets: that is
 * what keeps the load generator cheap (no socket, thread or timer per player).
 *
 * <p>Sending: players are spread over {@link #phases} phase buckets across one tick period (real
 * clients are not synchronised with each other). A 1 ms timer sends the inputs of every bucket
 * that is due, each repeating the last {@link #REDUNDANT_INPUTS} inputs and acknowledging the
 * newest snapshot. Datagrams are sealed into one reused buffer and go straight to the socket
 * ({@link DatagramOut}: one {@code sendto} each on epoll, no allocation). Until its first snapshot arrives
 * (its match has not started) a player sends a KEEPALIVE instead, so the server learns its
 * address even if one packet is lost.
 *
 * <p>Receiving: the header's connection id finds the player, its {@code PacketOpener}
 * authenticates and decrypts, {@link SnapshotHeader} reads the snapshot's tick and
 * {@code last_processed_input_sequence}. Every input whose sequence that newly covers is
 * recorded as input-to-visible latency: from sending the input to the first snapshot that
 * reflects it. Beside it, the snapshot's delay inside this loop: from the start of the read
 * batch it arrived in (the first datagram the loop handled after the previous batch) to its
 * latency being recorded, i.e. the datagrams opened before it in the same batch. The time it
 * waited in the socket before the loop read it is not visible here: Netty's epoll datagram
 * channel offers no receive timestamps ({@code SO_TIMESTAMP}).
 *
 * <p>Threads: everything runs on {@link #eventLoop()} except the counters and
 * {@link #intervalLatency} and {@link #intervalReadDelay}, which the coordinator reads.
 */
final class UdpLane extends SimpleChannelInboundHandler<DatagramPacket> {

    static final int REDUNDANT_INPUTS = 3;
    private static final long TIMER_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long NO_BATCH = Long.MIN_VALUE;

    private final InetSocketAddress server;
    private final long periodNs;
    /** Stamps inputs and snapshots: latency is the difference of two of its readings. */
    private final NanoClock nanoClock;
    private final int phases;
    private final List<List<BenchPlayer>> buckets = new ArrayList<>();
    private final long[] bucketDueNs;
    private final Long2ObjectHashMap<BenchPlayer> byConnection = new Long2ObjectHashMap<>();
    private final SingleWriterRecorder latency = InputAttribution.recorder();
    private final SingleWriterRecorder readDelay = InputAttribution.recorder();
    private final InputAttribution attribution;
    /** When the loop started on the current read batch, or {@link #NO_BATCH} between batches. */
    private long batchStartNs = NO_BATCH;
    private final SnapshotHeader snapshot = new SnapshotHeader();
    private final SplittableRandom random;
    private final AtomicLong inputsSent = new AtomicLong();
    private final AtomicLong keepalivesSent = new AtomicLong();
    private final AtomicLong snapshotsReceived = new AtomicLong();
    private final AtomicLong packetsRejected = new AtomicLong();
    private final AtomicLong lateSends = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private Histogram recycledLatency;
    private Histogram recycledReadDelay;
    private Channel channel;
    private DatagramOut out;
    private ByteBuf inputPayload;
    private ByteBuf datagram;
    private ByteBuf plain;
    private int nextBucket;

    UdpLane(InetSocketAddress server, int tickRateHz, long seed, NanoClock nanoClock) {
        this.server = server;
        this.nanoClock = nanoClock;
        this.periodNs = TimeUnit.SECONDS.toNanos(1) / tickRateHz;
        this.phases = (int) Math.max(1, periodNs / TIMER_NS);
        this.bucketDueNs = new long[phases];
        this.attribution = new InputAttribution(periodNs);
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < phases; i++) {
            buckets.add(new ArrayList<>());
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        out = DatagramOut.of(channel);
        inputPayload = ctx.alloc().heapBuffer(UdpLimits.MAX_PAYLOAD_BYTES);
        datagram = ctx.alloc().directBuffer(UdpLimits.MAX_PACKET_BYTES);
        plain = ctx.alloc().heapBuffer(UdpLimits.MAX_PACKET_BYTES);
        long now = nanoClock.nanoTime();
        for (int i = 0; i < phases; i++) {
            bucketDueNs[i] = now + periodNs * i / phases;
        }
        ctx.executor().scheduleAtFixedRate(this::onTimer, TIMER_NS, TIMER_NS, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        inputPayload.release();
        datagram.release();
        plain.release();
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Event loop: the player completed its handshake; it starts with keepalives. */
    void add(BenchPlayer player) {
        byConnection.put(player.connectionId, player);
        player.heading = random.nextDouble(Math.PI * 2);
        // Round robin over the phases spreads players evenly over the tick period.
        buckets.get(nextBucket).add(player);
        nextBucket = (nextBucket + 1) % phases;
        sendKeepalive(player);
        out.flush();
    }

    /** Event loop: the player left or its connection closed. */
    void remove(BenchPlayer player) {
        if (byConnection.remove(player.connectionId) == player) {
            for (List<BenchPlayer> bucket : buckets) {
                if (bucket.remove(player)) {
                    break;
                }
            }
        }
    }

    private void onTimer() {
        long now = nanoClock.nanoTime();
        boolean wrote = false;
        for (int b = 0; b < phases; b++) {
            if (bucketDueNs[b] > now) {
                continue;
            }
            if (now - bucketDueNs[b] > periodNs) {
                // The loop fell more than a period behind: skip the backlog instead of bursting.
                lateSends.incrementAndGet();
                bucketDueNs[b] = now;
            }
            bucketDueNs[b] += periodNs;
            for (BenchPlayer player : buckets.get(b)) {
                if (player.state == BenchPlayer.State.PLAYING) {
                    sendInput(player, now);
                } else if (player.state == BenchPlayer.State.CONNECTED) {
                    sendKeepalive(player);
                }
                wrote = true;
            }
            if (!buckets.get(b).isEmpty()) {
                // The inputs carry the timer's stamp; how long sealing the bucket held the last ones back.
                attribution.recordSendLag(now, nanoClock.nanoTime());
            }
        }
        if (wrote) {
            out.flush();
        }
    }

    private void sendInput(BenchPlayer player, long now) {
        player.heading += (random.nextDouble() - 0.5) * 0.4;
        long sequence = ++player.sequence;
        player.inputs.add(sequence, sequence, Quantize.axisToMove(Math.cos(player.heading)),
                Quantize.axisToMove(Math.sin(player.heading)), Quantize.radiansToAim(player.heading),
                random.nextInt(8) == 0 ? 1 : 0, player.newestSnapshotTick);
        inputPayload.clear();
        player.inputs.writeBatch(inputPayload);
        player.sentAtNs[(int) (sequence % BenchPlayer.SENT_TIMES)] = now;
        write(player, PacketType.INPUT, inputPayload);
        inputsSent.lazySet(inputsSent.get() + 1);
    }

    private void sendKeepalive(BenchPlayer player) {
        write(player, PacketType.KEEPALIVE, null);
        keepalivesSent.lazySet(keepalivesSent.get() + 1);
    }

    private void write(BenchPlayer player, PacketType type, ByteBuf payload) {
        datagram.clear();
        long ack = Math.max(0, player.opener.newestSequence());
        if (payload == null) {
            player.sealer.seal(type, ack, 0, datagram);
        } else {
            player.sealer.seal(type, ack, 0, payload, datagram);
        }
        if (out.send(datagram, server)) {
            bytesSent.lazySet(bytesSent.get() + datagram.readableBytes());
        } else {
            unsent.lazySet(unsent.get() + 1);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (batchStartNs == NO_BATCH) {
            batchStartNs = nanoClock.nanoTime();
        }
        ByteBuf datagram = packet.content();
        int size = datagram.readableBytes();
        bytesReceived.lazySet(bytesReceived.get() + size);
        if (size < UdpLimits.MIN_PACKET_BYTES) {
            rejected();
            return;
        }
        BenchPlayer player = byConnection.get(
                datagram.getLong(datagram.readerIndex() + PacketHeaderDescriptor.CONNECTION_ID_OFFSET));
        if (player == null) {
            rejected();
            return;
        }
        plain.clear();
        if (player.opener.open(datagram, plain) != PacketStatus.OK
                || datagram.getUnsignedByte(datagram.readerIndex() + PacketHeaderDescriptor.TYPE_OFFSET)
                != PacketType.SNAPSHOT.code()) {
            rejected();
            return;
        }
        if (!snapshot.read(plain)) {
            rejected();
            return;
        }
        snapshotsReceived.lazySet(snapshotsReceived.get() + 1);
        if (snapshot.tick <= player.newestSnapshotTick) {
            return;
        }
        player.newestSnapshotTick = snapshot.tick;
        long arrivalNs = batchStartNs;
        player.tickOriginNs = TickTiming.origin(player.tickOriginNs, snapshot.tick, arrivalNs, periodNs);
        if (player.state == BenchPlayer.State.CONNECTED) {
            player.state = BenchPlayer.State.PLAYING;
        }
        long processed = Math.min(snapshot.lastProcessedInputSequence, player.sequence);
        if (processed > player.lastProcessedInput) {
            long now = nanoClock.nanoTime();
            long from = Math.max(player.lastProcessedInput + 1, player.sequence - BenchPlayer.SENT_TIMES + 1);
            for (long sequence = from; sequence <= processed; sequence++) {
                long sentAt = player.sentAtNs[(int) (sequence % BenchPlayer.SENT_TIMES)];
                latency.recordValue(InputAttribution.micros(now - sentAt));
                attribution.recordInput(player.tickOriginNs, sentAt, snapshot.tick, arrivalNs);
            }
            readDelay.recordValue(InputAttribution.micros(now - batchStartNs));
            player.lastProcessedInput = processed;
        }
    }

    /** The end of a read batch: the next datagram starts a new one. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        batchStartNs = NO_BATCH;
        ctx.fireChannelReadComplete();
    }

    private void rejected() {
        packetsRejected.lazySet(packetsRejected.get() + 1);
    }

    /**
     * The coordinator thread: latencies in microseconds since the previous call. The histogram is
     * recycled by the next call, so read it before calling again.
     */
    Histogram intervalLatency() {
        recycledLatency = latency.getIntervalHistogram(recycledLatency);
        return recycledLatency;
    }

    /**
     * The coordinator thread: each measured snapshot's delay inside this loop (from the start of
     * its read batch), in microseconds, since the previous call; recycled like {@link #intervalLatency}.
     */
    Histogram intervalReadDelay() {
        recycledReadDelay = readDelay.getIntervalHistogram(recycledReadDelay);
        return recycledReadDelay;
    }

    /** The coordinator thread: this lane's per-input split ({@link InputAttribution}). */
    InputAttribution attribution() {
        return attribution;
    }

    long inputsSent() {
        return inputsSent.get();
    }

    long keepalivesSent() {
        return keepalivesSent.get();
    }

    long snapshotsReceived() {
        return snapshotsReceived.get();
    }

    long packetsRejected() {
        return packetsRejected.get();
    }

    long lateSends() {
        return lateSends.get();
    }

    /** Datagrams the socket refused (send buffer full): dropped. */
    long unsent() {
        return unsent.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    long bytesReceived() {
        return bytesReceived.get();
    }
}
