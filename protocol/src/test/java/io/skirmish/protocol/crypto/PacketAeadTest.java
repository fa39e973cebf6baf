package io.skirmish.protocol.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@link PacketAead} is the same AES-GCM: the published vectors, the same bytes as each
 * other for the same key, nonce and data (so the wire format does not depend on the choice),
 * in-place use, many messages per instance, and tamper rejection.
 */
class PacketAeadTest {

    private static final String[] KINDS = {"jdk", "bc", "engine"};

    static Stream<Arguments> vectorsForEveryKind() {
        return Stream.of(KINDS).flatMap(kind -> AesGcmTest.vectors().map(v -> Arguments.of(kind, v)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectorsForEveryKind")
    void sealsAndOpensThePublishedVectors(String kind, AesGcmTest.Vector v) {
        PacketAead gcm = PacketAeads.choose(kind).apply(key(hex(v.key())));
        byte[] nonce = hex(v.nonce());
        byte[] aad = hex(v.aad());
        byte[] plain = hex(v.plain());

        byte[] sealed = new byte[plain.length + PacketAead.TAG_BYTES];
        assertThat(gcm.seal(nonce, aad, 0, aad.length, plain, 0, plain.length, sealed, 0)).isEqualTo(sealed.length);
        assertThat(HexFormat.of().formatHex(sealed)).isEqualTo(v.cipher() + v.tag());

        byte[] opened = new byte[plain.length];
        assertThat(gcm.open(nonce, aad, 0, aad.length, sealed, 0, sealed.length, opened, 0)).isEqualTo(plain.length);
        assertThat(opened).isEqualTo(plain);
    }

    @Test
    void everyKindSealsTheSameBytesInPlaceMessageAfterMessage() {
        SplittableRandom random = new SplittableRandom(20261207);
        SecretKey key = key(bytes(random, 32));
        PacketAead[] aeads = Stream.of(KINDS).map(kind -> PacketAeads.choose(kind).apply(key)).toArray(PacketAead[]::new);
        for (long sequence = 1; sequence <= 300; sequence++) {
            byte[] nonce = nonce(sequence);
            byte[] packet = bytes(random, 24 + random.nextInt(1160) + PacketAead.TAG_BYTES);
            int textLength = packet.length - 24 - PacketAead.TAG_BYTES;
            byte[] plain = Arrays.copyOf(packet, packet.length);
            byte[] first = null;
            for (PacketAead aead : aeads) {
                byte[] buffer = Arrays.copyOf(plain, plain.length);
                aead.seal(nonce, buffer, 0, 24, buffer, 24, textLength, buffer, 24);
                if (first == null) {
                    first = buffer;
                }
                assertThat(buffer).as("%s, message %d", aead.getClass().getSimpleName(), sequence).isEqualTo(first);
            }
            for (PacketAead aead : aeads) {
                byte[] buffer = Arrays.copyOf(first, first.length);
                assertThat(aead.open(nonce, buffer, 0, 24, buffer, 24, textLength + PacketAead.TAG_BYTES, buffer, 24))
                        .isEqualTo(textLength);
                assertThat(Arrays.copyOf(buffer, 24 + textLength)).isEqualTo(Arrays.copyOf(plain, 24 + textLength));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "bc", "engine"})
    void rejectsAFlippedBitAndAShortMessageThenStillOpensAGoodOne(String kind) {
        SplittableRandom random = new SplittableRandom(5);
        Function<SecretKey, PacketAead> factory = PacketAeads.choose(kind);
        PacketAead aead = factory.apply(key(bytes(random, 32)));
        byte[] aad = bytes(random, 24);
        byte[] plain = bytes(random, 90);
        byte[] sealed = new byte[plain.length + PacketAead.TAG_BYTES];
        aead.seal(nonce(1), aad, 0, aad.length, plain, 0, plain.length, sealed, 0);
        byte[] out = new byte[plain.length];

        for (byte[] target : new byte[][] {aad, sealed}) {
            for (int bit = 0; bit < target.length * 8; bit += 7) {
                target[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(aead.open(nonce(1), aad, 0, aad.length, sealed, 0, sealed.length, out, 0)).isEqualTo(-1);
                target[bit / 8] ^= (byte) (1 << (bit % 8));
            }
        }
        assertThat(aead.open(nonce(1), aad, 0, aad.length, sealed, 0, 15, out, 0)).isEqualTo(-1);
        assertThat(aead.open(nonce(1), aad, 0, aad.length, sealed, 0, sealed.length, out, 0)).isEqualTo(plain.length);
        assertThat(out).isEqualTo(plain);
    }

    @Test
    void refusesAnUnknownKindNamingTheProperty() {
        assertThatThrownBy(() -> PacketAeads.choose("chacha")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PacketAeads.PROPERTY).hasMessageContaining("chacha");
    }

    private static byte[] nonce(long sequence) {
        byte[] nonce = new byte[PacketAead.NONCE_BYTES];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
        return nonce;
    }

    private static SecretKey key(byte[] bytes) {
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
