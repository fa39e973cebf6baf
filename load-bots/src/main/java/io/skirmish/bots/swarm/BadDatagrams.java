package io.skirmish.bots.swarm;

import java.nio.ByteBuffer;
import java.util.Random;

import io.skirmish.protocol.udp.PacketHeaderDescriptor;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;

/**
 * The datagrams a misbehaving client sends: each kind must be dropped by a different check of the
 * game server (too short, too large, wrong magic, forged with the sender's own connection id but
 * no valid tag) and counted under its reason, never reach the game.
 */
final class BadDatagrams {

    enum Kind { TOO_SHORT, TOO_LARGE, BAD_MAGIC, FORGED }

    private BadDatagrams() {
    }

    static byte[] next(Random random, long connectionId) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return of(kind, random, connectionId);
    }

    static byte[] of(Kind kind, Random random, long connectionId) {
        return switch (kind) {
            case TOO_SHORT -> randomBytes(random, 1 + random.nextInt(PacketHeaderDescriptor.HEADER_BYTES - 1));
            case TOO_LARGE -> randomBytes(random, UdpLimits.MAX_PACKET_BYTES + 1 + random.nextInt(200));
            case BAD_MAGIC -> {
                byte[] bytes = randomBytes(random, 64);
                bytes[0] = 0x00; // 0x534B starts with 0x53: never a valid magic
                yield bytes;
            }
            case FORGED -> {
                ByteBuffer packet = ByteBuffer.allocate(PacketHeaderDescriptor.HEADER_BYTES + 48);
                packet.putShort((short) PacketHeaderDescriptor.MAGIC).put((byte) PacketHeaderDescriptor.VERSION)
                        .put((byte) PacketType.INPUT.code()).putLong(connectionId)
                        .putInt(1 + random.nextInt(1 << 30)).putInt(0).putInt(0);
                byte[] body = randomBytes(random, 48);
                packet.put(body);
                yield packet.array();
            }
        };
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
