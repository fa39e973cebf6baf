package io.skirmish.protocol.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdkAesGcm} is AES-GCM as the UDP packets use it: the published vectors, one instance
 * sealing message after message in place exactly as fresh instances do, tamper rejection.
 */
class JdkAesGcmTest {

    private static final String GCM_SPEC_KEY_128 = "feffe9928665731c6d6a8f9467308308";
    private static final String GCM_SPEC_NONCE = "cafebabefacedbaddecaf888";
    private static final String GCM_SPEC_PLAIN = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String GCM_SPEC_AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

    record Vector(String name, String key, String nonce, String aad, String plain, String cipher, String tag) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Test cases 1-4 (AES-128) and 13-16 (AES-256) of "The Galois/Counter Mode of Operation"
     * (McGrew and Viega, the specification NIST SP 800-38D is based on: every case with a
     * 96-bit IV), and two from NIST's CAVP gcmEncryptExtIV128 set with odd AAD lengths.
     */
    static Stream<Vector> vectors() {
        String plain60 = GCM_SPEC_PLAIN.substring(0, 120);
        String key256 = GCM_SPEC_KEY_128 + GCM_SPEC_KEY_128;
        String zero128 = "00000000000000000000000000000000";
        return Stream.of(
                new Vector("GCM spec case 1", zero128, "000000000000000000000000", "", "", "",
                        "58e2fccefa7e3061367f1d57a4e7455a"),
                new Vector("GCM spec case 2", zero128, "000000000000000000000000", "", zero128,
                        "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"),
                new Vector("GCM spec case 3", GCM_SPEC_KEY_128, GCM_SPEC_NONCE, "", GCM_SPEC_PLAIN,
                        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
                        "4d5c2af327cd64a62cf35abd2ba6fab4"),
                new Vector("GCM spec case 4", GCM_SPEC_KEY_128, GCM_SPEC_NONCE, GCM_SPEC_AAD, plain60,
                        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
                        "5bc94fbc3221a5db94fae95ae7121a47"),
                new Vector("GCM spec case 13", zero128 + zero128, "000000000000000000000000", "", "", "",
                        "530f8afbc74536b9a963b4f1c4cb738b"),
                new Vector("GCM spec case 14", zero128 + zero128, "000000000000000000000000", "", zero128,
                        "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"),
                new Vector("GCM spec case 15", key256, GCM_SPEC_NONCE, "", GCM_SPEC_PLAIN,
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
                        "b094dac5d93471bdec1a502270e3cc6c"),
                new Vector("GCM spec case 16", key256, GCM_SPEC_NONCE, GCM_SPEC_AAD, plain60,
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                        "76fc6ece0f4e1768cddf8853bb2d551b"),
                new Vector("CAVP 13-byte AAD", "8a7f9d80d08ad0bd5a20fb689c88f9fc", "88b7b27d800937fda4f47301",
                        "50edd0503e0d7b8c91608eb5a1", "", "", "ed6f65322a4740011f91d2aae22dd44e"),
                new Vector("CAVP 13-byte text", "fe9bb47deb3a61e423c2231841cfd1fb", "4d328eb776f500a2f7fb47aa", "",
                        "f1cc3818e421876bb6b8bbd6c9", "b88c5c1977b35b517b0aeae967", "43fd4727fe5cdb4b5b42818dea7ef8c9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sealsAndOpensThePublishedVectors(Vector v) {
        JdkAesGcm gcm = new JdkAesGcm(key(hex(v.key())));
        byte[] nonce = hex(v.nonce());
        byte[] aad = hex(v.aad());
        byte[] plain = hex(v.plain());

        byte[] sealed = new byte[plain.length + JdkAesGcm.TAG_BYTES];
        assertThat(gcm.seal(nonce, aad, 0, aad.length, plain, 0, plain.length, sealed, 0)).isEqualTo(sealed.length);
        assertThat(HexFormat.of().formatHex(sealed)).isEqualTo(v.cipher() + v.tag());

        byte[] opened = new byte[plain.length];
        assertThat(gcm.open(nonce, aad, 0, aad.length, sealed, 0, sealed.length, opened, 0)).isEqualTo(plain.length);
        assertThat(opened).isEqualTo(plain);
    }

    @Test
    void oneInstanceSealsInPlaceMessageAfterMessageAsFreshOnesDo() {
        SplittableRandom random = new SplittableRandom(20261207);
        SecretKey key = key(bytes(random, 32));
        JdkAesGcm reused = new JdkAesGcm(key);
        for (long sequence = 1; sequence <= 300; sequence++) {
            byte[] nonce = nonce(sequence);
            byte[] packet = bytes(random, 24 + random.nextInt(1160) + JdkAesGcm.TAG_BYTES);
            int textLength = packet.length - 24 - JdkAesGcm.TAG_BYTES;
            byte[] plain = Arrays.copyOf(packet, packet.length);

            byte[] expected = new byte[textLength + JdkAesGcm.TAG_BYTES];
            new JdkAesGcm(key).seal(nonce, plain, 0, 24, plain, 24, textLength, expected, 0);
            reused.seal(nonce, packet, 0, 24, packet, 24, textLength, packet, 24);
            assertThat(Arrays.copyOfRange(packet, 24, packet.length)).as("message %d", sequence).isEqualTo(expected);

            assertThat(reused.open(nonce, packet, 0, 24, packet, 24, textLength + JdkAesGcm.TAG_BYTES, packet, 24))
                    .isEqualTo(textLength);
            assertThat(Arrays.copyOf(packet, 24 + textLength)).isEqualTo(Arrays.copyOf(plain, 24 + textLength));
        }
    }

    @Test
    void rejectsAnyFlippedBitOfAadCiphertextTagOrNonceThenStillOpensTheGoodOne() {
        SplittableRandom random = new SplittableRandom(3);
        JdkAesGcm gcm = new JdkAesGcm(key(bytes(random, 32)));
        byte[] nonce = bytes(random, JdkAesGcm.NONCE_BYTES);
        byte[] aad = bytes(random, 24);
        byte[] plain = bytes(random, 37);
        byte[] sealed = new byte[plain.length + JdkAesGcm.TAG_BYTES];
        gcm.seal(nonce, aad, 0, aad.length, plain, 0, plain.length, sealed, 0);
        byte[] out = new byte[plain.length];

        for (byte[] target : new byte[][] {aad, sealed, nonce}) {
            for (int bit = 0; bit < target.length * 8; bit++) {
                target[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(gcm.open(nonce, aad, 0, aad.length, sealed, 0, sealed.length, out, 0)).isEqualTo(-1);
                target[bit / 8] ^= (byte) (1 << (bit % 8));
            }
        }
        assertThat(out).containsOnly(0);
        assertThat(gcm.open(nonce, aad, 0, aad.length, sealed, 0, sealed.length, out, 0)).isEqualTo(plain.length);
        assertThat(out).isEqualTo(plain);
    }

    @Test
    void rejectsAMessageShorterThanATag() {
        JdkAesGcm gcm = new JdkAesGcm(key(new byte[32]));
        byte[] nonce = new byte[JdkAesGcm.NONCE_BYTES];
        assertThat(gcm.open(nonce, new byte[0], 0, 0, new byte[15], 0, 15, new byte[0], 0)).isEqualTo(-1);
    }

    @Test
    void refusesAKeyThatIsNotAnAesKey() {
        assertThatThrownBy(() -> new JdkAesGcm(new SecretKeySpec(new byte[7], "AES")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AES");
    }

    private static byte[] nonce(long sequence) {
        byte[] nonce = new byte[JdkAesGcm.NONCE_BYTES];
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
