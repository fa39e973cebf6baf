package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;

import io.netty.buffer.Unpooled;
import io.skirmish.protocol.udp.PacketHeaderDescriptor;
import io.skirmish.protocol.udp.UdpLimits;
import org.junit.jupiter.api.Test;

class BadDatagramsTest {

    private final Random random = new Random(3);

    @Test
    void eachKindBreaksADifferentRule() {
        assertThat(BadDatagrams.of(BadDatagrams.Kind.TOO_SHORT, random, 9).length)
                .isLessThan(PacketHeaderDescriptor.HEADER_BYTES);
        assertThat(BadDatagrams.of(BadDatagrams.Kind.TOO_LARGE, random, 9).length)
                .isGreaterThan(UdpLimits.MAX_PACKET_BYTES);
        byte[] badMagic = BadDatagrams.of(BadDatagrams.Kind.BAD_MAGIC, random, 9);
        assertThat(ByteBuffer.wrap(badMagic).getShort() & 0xFFFF).isNotEqualTo(PacketHeaderDescriptor.MAGIC);
    }

    @Test
    void aForgedPacketCarriesTheSendersConnectionIdButCannotBeOpened() throws Exception {
        byte[] forged = BadDatagrams.of(BadDatagrams.Kind.FORGED, random, 0x1234_5678L);

        ByteBuffer header = ByteBuffer.wrap(forged);
        assertThat(header.getShort() & 0xFFFF).isEqualTo(PacketHeaderDescriptor.MAGIC);
        assertThat(header.getLong(PacketHeaderDescriptor.CONNECTION_ID_OFFSET)).isEqualTo(0x1234_5678L);
        javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
        generator.init(256);
        var opener = new io.skirmish.protocol.udp.PacketOpener(generator.generateKey(), 0x1234_5678L,
                io.skirmish.protocol.udp.Direction.CLIENT_TO_SERVER);
        var status = opener.open(Unpooled.wrappedBuffer(forged), Unpooled.buffer(UdpLimits.MAX_PACKET_BYTES));
        assertThat(status).isEqualTo(io.skirmish.protocol.udp.PacketStatus.BAD_TAG);
    }
}
