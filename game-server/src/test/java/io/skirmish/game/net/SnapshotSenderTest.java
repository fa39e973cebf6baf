package io.skirmish.game.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.game.tick.MatchAgent;
import io.skirmish.game.tick.ResidenceStats;
import io.skirmish.kit.net.DatagramOut;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SnapshotSender} with a recording {@link DatagramOut} and a driven clock: snapshots are
 * sealed for their connection and sent to its address; a tick reached too late is dropped
 * whole; unknown addresses and a full socket are counted, never queued.
 */
class SnapshotSenderTest {

    private static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(33);
    private static final long SILENCE_NS = TimeUnit.SECONDS.toNanos(3);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40_000);

    private final SecretKey key = new SecretKeySpec(new byte[32], "AES");
    private final RingBuffer ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH)));
    private final SessionDirectory directory = new SessionDirectory();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NetMetrics metrics = new NetMetrics(registry);
    private final RecordingOut out = new RecordingOut();
    private final long[] now = {1_000_000_000L};
    private final ResidenceStats residence = new ResidenceStats();
    private final SnapshotSender sender = new SnapshotSender("sender-test", () -> now[0], 2 * TICK_NS, SILENCE_NS, ring, out,
            directory, metrics, residence);

    private UdpConnection connect(long connectionId, InetSocketAddress from) {
        UdpConnection connection = new UdpConnection(connectionId, key, null, 0, "p" + connectionId, null,
                CLIENT.getAddress(), now[0]);
        if (from != null) {
            connection.acceptFrom(from);
        }
        directory.addConnection(connection);
        return connection;
    }

    private void publishTick(long madeAtNs, long... connectionIds) {
        publishPhase(madeAtNs, madeAtNs, ResidenceStats.NO_INPUT, connectionIds);
    }

    /** A tick whose phase started at {@code startedNs}, each snapshot reflecting an input read at {@code inputNs}. */
    private void publishPhase(long madeAtNs, long startedNs, long inputNs, long... connectionIds) {
        UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        message.putLong(MatchAgent.TICK_MADE_OFFSET, madeAtNs);
        message.putLong(MatchAgent.TICK_STARTED_OFFSET, startedNs);
        assertThat(ring.write(MatchAgent.TICK_MESSAGE, message, 0, MatchAgent.TICK_LENGTH)).isTrue();
        for (long connectionId : connectionIds) {
            message.putLong(MatchAgent.CONNECTION_ID_OFFSET, connectionId);
            message.putLong(MatchAgent.INPUT_RECEIVED_OFFSET, inputNs);
            message.putByte(MatchAgent.SNAPSHOT_HEADER_LENGTH, (byte) 8);
            message.putByte(MatchAgent.SNAPSHOT_HEADER_LENGTH + 1, (byte) connectionId);
            assertThat(ring.write(MatchAgent.SNAPSHOT_MESSAGE, message, 0, MatchAgent.SNAPSHOT_HEADER_LENGTH + 2))
                    .isTrue();
        }
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void sealsEachSnapshotForItsConnectionAndSendsItToItsAddress() {
        connect(7, CLIENT);
        connect(8, CLIENT);
        publishTick(now[0], 7, 8);

        assertThat(sender.doWork()).isEqualTo(3);

        assertThat(out.sent).hasSize(2);
        for (int i = 0; i < 2; i++) {
            long connectionId = 7 + i;
            PacketOpener opener = new PacketOpener(key, connectionId, Direction.SERVER_TO_CLIENT);
            ByteBuf payload = Unpooled.buffer();
            assertThat(opener.open(Unpooled.wrappedBuffer(out.sent.get(i)), payload)).isEqualTo(PacketStatus.OK);
            assertThat(payload.readByte()).isEqualTo((byte) 8);
            assertThat(payload.readByte()).isEqualTo((byte) connectionId);
        }
        assertThat(out.recipients).containsOnly(CLIENT);
        assertThat(counter("game.net.packets.sent")).isEqualTo(2);
    }

    @Test
    void dropsATickReachedTooLateAndSendsTheNextOne() {
        connect(7, CLIENT);
        publishTick(now[0], 7);
        publishTick(now[0] + 3 * TICK_NS, 7);
        now[0] += 3 * TICK_NS;

        sender.doWork();

        assertThat(out.sent).hasSize(1);
        assertThat(counter("game.net.snapshots.stale")).isEqualTo(1);
        assertThat(counter("game.net.packets.sent")).isEqualTo(1);
    }

    @Test
    void countsSnapshotsWithoutAnAddressAndSnapshotsTheSocketRefused() {
        connect(7, null);
        connect(8, CLIENT);
        out.refuse = true;
        publishTick(now[0], 7, 8, 9);

        sender.doWork();

        assertThat(out.sent).isEmpty();
        assertThat(counter("game.net.snapshots.unroutable")).isEqualTo(2);
        assertThat(counter("game.net.snapshots.unsent")).isEqualTo(1);
    }

    @Test
    void sendsNothingToAConnectionSilentLongerThanTheSilence() {
        connect(7, CLIENT);
        UdpConnection heard = connect(8, CLIENT);
        now[0] += SILENCE_NS + 1;
        heard.heard(now[0] - 1_000);
        publishTick(now[0], 7, 8);

        sender.doWork();

        assertThat(out.sent).hasSize(1);
        assertThat(counter("game.net.snapshots.silenced")).isEqualTo(1);
    }

    @Test
    void sendsToTheNewestEndpointOfTheSameAddress() {
        UdpConnection connection = connect(7, CLIENT);
        InetSocketAddress rebound = new InetSocketAddress(CLIENT.getAddress(), CLIENT.getPort() + 1);
        assertThat(connection.fromPeerAddress(rebound)).isTrue();
        assertThat(connection.acceptFrom(rebound)).isTrue();
        publishTick(now[0], 7);

        sender.doWork();

        assertThat(out.recipients).containsExactly(rebound);
    }

    @Test
    void recordsTheSendersWakeUpTheTickToSocketTimeAndTheInputsWholeResidence() {
        connect(7, CLIENT);
        connect(8, CLIENT);
        long inputAt = now[0];
        long tickStarted = inputAt + 20_000_000;
        long tickMade = tickStarted + 300_000;
        publishPhase(tickMade, tickStarted, inputAt, 7, 8);
        now[0] = tickMade + 150_000;

        sender.doWork();

        org.HdrHistogram.Histogram wake = residence.interval(ResidenceStats.Stage.SENDER_WAKE, null);
        assertThat(wake.getTotalCount()).isEqualTo(1);
        assertThat(wake.getMaxValue()).isEqualTo(wake.highestEquivalentValue(150_000));
        org.HdrHistogram.Histogram toSocket = residence.interval(ResidenceStats.Stage.TICK_TO_SOCKET, null);
        assertThat(toSocket.getTotalCount()).isEqualTo(2);
        assertThat(toSocket.getMaxValue()).isEqualTo(toSocket.highestEquivalentValue(450_000));
        org.HdrHistogram.Histogram whole = residence.interval(ResidenceStats.Stage.INPUT_TO_SOCKET, null);
        assertThat(whole.getTotalCount()).isEqualTo(2);
        assertThat(whole.getMaxValue()).isEqualTo(whole.highestEquivalentValue(20_450_000));
    }

    @Test
    void recordsNoInputResidenceForSnapshotsWithoutANewInputOrNotSent() {
        connect(7, CLIENT);
        publishTick(now[0], 7);
        sender.doWork();
        out.refuse = true;
        publishPhase(now[0], now[0], now[0] - 1_000_000, 7);
        sender.doWork();

        assertThat(residence.interval(ResidenceStats.Stage.INPUT_TO_SOCKET, null).getTotalCount()).isZero();
        assertThat(residence.interval(ResidenceStats.Stage.TICK_TO_SOCKET, null).getTotalCount()).isEqualTo(1);
    }

    /** Keeps a copy of every datagram, as the kernel would; can refuse like a full send buffer. */
    private static final class RecordingOut extends DatagramOut {
        final List<byte[]> sent = new ArrayList<>();
        final List<InetSocketAddress> recipients = new ArrayList<>();
        boolean refuse;

        @Override
        public boolean send(ByteBuf datagram, InetSocketAddress recipient) {
            if (refuse) {
                return false;
            }
            byte[] copy = new byte[datagram.readableBytes()];
            datagram.getBytes(datagram.readerIndex(), copy);
            sent.add(copy);
            recipients.add(recipient);
            return true;
        }

        @Override
        public void flush() {
        }
    }
}
