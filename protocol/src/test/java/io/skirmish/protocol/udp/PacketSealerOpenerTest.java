package io.skirmish.protocol.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.Samples;
import io.skirmish.protocol.game.v1.InputBatch;
import io.skirmish.protocol.game.v1.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static io.skirmish.protocol.udp.UdpTestKeys.CONNECTION_ID;
import static io.skirmish.protocol.udp.UdpTestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketSealerOpenerTest {
    private final PacketSealer client = new PacketSealer(key(1), CONNECTION_ID, Direction.CLIENT_TO_SERVER);
    private final PacketOpener server = new PacketOpener(key(1), CONNECTION_ID, Direction.CLIENT_TO_SERVER);

    private ByteBuf sealInput(int newestSequence) {
        ByteBuf out = Unpooled.buffer();
        client.seal(PacketType.INPUT, 0, 0, Samples.inputBatch(newestSequence), out);
        return out;
    }

    private static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    @Test
    void roundTripsAnInputBatch() {
        ByteBuf packet = Unpooled.buffer();
        long sequence = client.seal(PacketType.INPUT, 77, 0b1011, Samples.inputBatch(10), packet);
        ByteBuf payload = Unpooled.buffer();

        assertThat(server.open(packet, payload)).isEqualTo(PacketStatus.OK);

        assertThat(UdpPayloads.parseInputBatch(payload)).isEqualTo(Samples.inputBatch(10));
        PacketHeader header = new PacketHeader().wrap(packet);
        assertThat(header.type()).isEqualTo(PacketType.INPUT);
        assertThat(header.connectionId()).isEqualTo(CONNECTION_ID);
        assertThat(header.sequence()).isEqualTo(sequence).isEqualTo(1);
        assertThat(header.ack()).isEqualTo(77);
        assertThat(header.ackBits()).isEqualTo(0b1011);
        assertThat(server.newestSequence()).isEqualTo(1);
    }

    @Test
    void roundTripsSnapshotsFromServerToClient() {
        PacketSealer serverSealer = new PacketSealer(key(1), CONNECTION_ID, Direction.SERVER_TO_CLIENT);
        PacketOpener clientOpener = new PacketOpener(key(1), CONNECTION_ID, Direction.SERVER_TO_CLIENT);
        for (boolean full : new boolean[] {true, false}) {
            Snapshot snapshot = Samples.snapshot(10, full);
            ByteBuf packet = Unpooled.buffer();
            serverSealer.seal(PacketType.SNAPSHOT, 5, -1, Unpooled.wrappedBuffer(snapshot.toByteArray()), packet);
            ByteBuf payload = Unpooled.buffer();
            assertThat(clientOpener.open(packet, payload)).isEqualTo(PacketStatus.OK);
            assertThat(UdpPayloads.parseSnapshot(payload)).isEqualTo(snapshot);
        }
    }

    @Test
    void fullSnapshotOfTenPlayersFitsWellUnderTheDatagramLimit() {
        PacketSealer serverSealer = new PacketSealer(key(1), CONNECTION_ID, Direction.SERVER_TO_CLIENT);
        ByteBuf packet = Unpooled.buffer();
        serverSealer.seal(PacketType.SNAPSHOT, 0, 0, Samples.snapshot(10, true), packet);
        assertThat(packet.readableBytes()).isLessThan(UdpLimits.MAX_PACKET_BYTES / 3);
    }

    @Test
    void roundTripsEmptyKeepalive() {
        ByteBuf packet = Unpooled.buffer();
        client.seal(PacketType.KEEPALIVE, 0, 0, packet);
        assertThat(packet.readableBytes()).isEqualTo(UdpLimits.MIN_PACKET_BYTES);
        ByteBuf payload = Unpooled.buffer();
        assertThat(server.open(packet, payload)).isEqualTo(PacketStatus.OK);
        assertThat(payload.readableBytes()).isZero();
    }

    @Test
    void rejectsABitFlipAnywhere() {
        byte[] genuine = bytes(sealInput(10));
        for (int bit = 0; bit < genuine.length * 8; bit++) {
            byte[] forged = genuine.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            PacketOpener fresh = new PacketOpener(key(1), CONNECTION_ID, Direction.CLIENT_TO_SERVER);
            ByteBuf payload = Unpooled.buffer();
            assertThat(fresh.open(Unpooled.wrappedBuffer(forged), payload)).as("bit %d", bit)
                    .isNotEqualTo(PacketStatus.OK);
            assertThat(payload.readableBytes()).isZero();
        }
    }

    @Test
    void forgedPacketDoesNotPoisonTheReplayWindow() {
        ByteBuf genuine = sealInput(10);
        byte[] forged = bytes(genuine);
        forged[PacketHeaderDescriptor.SEQUENCE_OFFSET] = (byte) 0x7F; // sequence ~2^31
        assertThat(server.open(Unpooled.wrappedBuffer(forged), Unpooled.buffer())).isEqualTo(PacketStatus.BAD_TAG);
        assertThat(server.newestSequence()).isEqualTo(-1);
        assertThat(server.open(genuine, Unpooled.buffer())).isEqualTo(PacketStatus.OK);
    }

    @Test
    void rejectsReplayedPacket() {
        byte[] packet = bytes(sealInput(10));
        assertThat(server.open(Unpooled.wrappedBuffer(packet), Unpooled.buffer())).isEqualTo(PacketStatus.OK);
        assertThat(server.open(Unpooled.wrappedBuffer(packet), Unpooled.buffer())).isEqualTo(PacketStatus.DUPLICATE);
    }

    @Test
    void acceptsReorderedPacketsWithinTheWindowAndRejectsTooOldOnes() {
        ByteBuf first = sealInput(1);
        ByteBuf second = sealInput(2);
        for (int i = 0; i < ReplayWindow.WINDOW_BITS; i++) {
            sealInput(3 + i);
        }
        ByteBuf late = sealInput(2000);
        assertThat(server.open(second, Unpooled.buffer())).isEqualTo(PacketStatus.OK);
        assertThat(server.open(late, Unpooled.buffer())).isEqualTo(PacketStatus.OK);
        assertThat(server.open(first, Unpooled.buffer())).isEqualTo(PacketStatus.TOO_OLD);
    }

    @Test
    void rejectsPacketOfAnotherConnection() {
        PacketSealer other = new PacketSealer(key(1), CONNECTION_ID + 1, Direction.CLIENT_TO_SERVER);
        ByteBuf packet = Unpooled.buffer();
        other.seal(PacketType.INPUT, 0, 0, Samples.inputBatch(1), packet);
        assertThat(server.open(packet, Unpooled.buffer())).isEqualTo(PacketStatus.WRONG_CONNECTION);
    }

    @Test
    void rejectsPacketSealedWithAnotherKey() {
        PacketSealer other = new PacketSealer(key(2), CONNECTION_ID, Direction.CLIENT_TO_SERVER);
        ByteBuf packet = Unpooled.buffer();
        other.seal(PacketType.INPUT, 0, 0, Samples.inputBatch(1), packet);
        assertThat(server.open(packet, Unpooled.buffer())).isEqualTo(PacketStatus.BAD_TAG);
    }

    @Test
    void rejectsOwnPacketsReflectedBack() {
        // A keepalive may go both ways; the direction in the nonce still tells them apart.
        PacketSealer serverSealer = new PacketSealer(key(1), CONNECTION_ID, Direction.SERVER_TO_CLIENT);
        ByteBuf packet = Unpooled.buffer();
        serverSealer.seal(PacketType.KEEPALIVE, 0, 0, packet);
        assertThat(server.open(packet, Unpooled.buffer())).isEqualTo(PacketStatus.BAD_TAG);

        ByteBuf snapshot = Unpooled.buffer();
        serverSealer.seal(PacketType.SNAPSHOT, 0, 0, Samples.snapshot(1, true), snapshot);
        assertThat(server.open(snapshot, Unpooled.buffer())).isEqualTo(PacketStatus.BAD_TYPE);
    }

    @Test
    void rejectsOversizedDatagramBeforeReadingIt() {
        ByteBuf packet = sealInput(1);
        packet.writeZero(UdpLimits.MAX_PACKET_BYTES + 1 - packet.readableBytes());
        assertThat(packet.readableBytes()).isEqualTo(1201);
        assertThat(server.open(packet, Unpooled.buffer())).isEqualTo(PacketStatus.TOO_LARGE);
    }

    @Test
    void rejectsUndersizedDatagrams() {
        byte[] packet = bytes(sealInput(1));
        for (int length = 0; length < UdpLimits.MIN_PACKET_BYTES; length++) {
            assertThat(server.open(Unpooled.wrappedBuffer(packet, 0, length), Unpooled.buffer()))
                    .isEqualTo(PacketStatus.TOO_SHORT);
        }
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] packet = bytes(sealInput(1));
        for (int length = UdpLimits.MIN_PACKET_BYTES; length < packet.length; length++) {
            assertThat(server.open(Unpooled.wrappedBuffer(packet, 0, length), Unpooled.buffer()))
                    .isEqualTo(PacketStatus.BAD_TAG);
        }
    }

    @Test
    void rejectsBadMagicVersionAndType() {
        byte[] genuine = bytes(sealInput(1));
        EnumSet<PacketStatus> seen = EnumSet.noneOf(PacketStatus.class);
        for (int[] change : new int[][] {{0, 'X'}, {2, 9}, {3, 0}, {3, 200}}) {
            byte[] forged = genuine.clone();
            forged[change[0]] = (byte) change[1];
            seen.add(server.open(Unpooled.wrappedBuffer(forged), Unpooled.buffer()));
        }
        assertThat(seen).containsExactlyInAnyOrder(PacketStatus.BAD_MAGIC, PacketStatus.BAD_VERSION, PacketStatus.BAD_TYPE);
    }

    @Test
    void doesNotMoveTheDatagramIndices() {
        ByteBuf packet = sealInput(1);
        int length = packet.readableBytes();
        server.open(packet, Unpooled.buffer());
        assertThat(packet.readerIndex()).isZero();
        assertThat(packet.readableBytes()).isEqualTo(length);
    }

    @Test
    void sealerRefusesOversizedPayloadAndWrongDirection() {
        ByteBuf tooBig = Unpooled.buffer().writeZero(UdpLimits.MAX_PAYLOAD_BYTES + 1);
        assertThatThrownBy(() -> client.seal(PacketType.INPUT, 0, 0, tooBig, Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.seal(PacketType.SNAPSHOT, 0, 0, Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuf maxPayload = Unpooled.buffer().writeZero(UdpLimits.MAX_PAYLOAD_BYTES);
        ByteBuf packet = Unpooled.buffer();
        client.seal(PacketType.INPUT, 0, 0, maxPayload, packet);
        assertThat(packet.readableBytes()).isEqualTo(UdpLimits.MAX_PACKET_BYTES);
    }

    @Test
    void sequencesIncreaseFromOne() {
        assertThat(client.nextSequence()).isEqualTo(1);
        sealInput(1);
        sealInput(2);
        assertThat(client.nextSequence()).isEqualTo(3);
    }

    @Test
    void refusesKeysThatAreNot256BitAes() {
        assertThatThrownBy(() -> new PacketSealer(new javax.crypto.spec.SecretKeySpec(new byte[16], "AES"), 1,
                Direction.CLIENT_TO_SERVER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsedPayloadsKeepTheirValues() {
        InputBatch batch = Samples.inputBatch(5);
        assertThat(batch.getInputs(0).getSequence()).isEqualTo(5);
        assertThat(batch.getInputs(2).getSequence()).isEqualTo(3);
    }
}
