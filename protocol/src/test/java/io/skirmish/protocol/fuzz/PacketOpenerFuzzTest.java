package io.skirmish.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketHeader;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketStatus;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;
import io.skirmish.protocol.udp.UdpPayloads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary datagrams into a server's {@link PacketOpener}. Seeds are genuine packets sealed with
 * the fixed fuzz key, so the fuzzer also explores the paths after the tag check.
 */
class PacketOpenerFuzzTest {
    @FuzzTest(maxDuration = FuzzSupport.DURATION)
    void opensOnlyAuthenticFreshPacketsAndNeverThrows(byte[] datagram) {
        PacketOpener opener = new PacketOpener(FuzzSupport.udpKey(), FuzzSupport.CONNECTION_ID, Direction.CLIENT_TO_SERVER);
        ByteBuf packet = Unpooled.wrappedBuffer(datagram);
        ByteBuf payload = Unpooled.buffer();

        PacketStatus status = opener.open(packet, payload);

        assertThat(packet.readerIndex()).isZero();
        if (status != PacketStatus.OK) {
            assertThat(payload.readableBytes()).isZero();
            return;
        }
        assertThat(datagram.length).isBetween(UdpLimits.MIN_PACKET_BYTES, UdpLimits.MAX_PACKET_BYTES);
        assertThat(payload.readableBytes()).isEqualTo(datagram.length - UdpLimits.MIN_PACKET_BYTES);
        assertThat(opener.open(packet, Unpooled.buffer())).as("replay").isEqualTo(PacketStatus.DUPLICATE);
        try {
            if (new PacketHeader().wrap(packet).type() == PacketType.INPUT) {
                UdpPayloads.parseInputBatch(payload);
            }
        } catch (ProtocolException expected) {
            // An authentic but malformed payload: dropped and counted by the server.
        }
    }
}
