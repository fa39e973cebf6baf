package io.skirmish.protocol.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Ghash} against GHASH computed the slow, obvious way: SP 800-38D's Algorithm 1 (one bit
 * at a time) over the padded blocks, for every block count up to 9 (pairs, a lone last block,
 * AAD and text blocks mixed in one pair) and random lengths.
 */
class GhashTest {

    private static final BigInteger R = new BigInteger("E1", 16).shiftLeft(120);

    @Test
    void matchesTheBitByBitDefinitionOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 300; round++) {
            byte[] h = bytes(random, 16);
            byte[] aad = bytes(random, random.nextInt(3) == 0 ? 0 : random.nextInt(60));
            byte[] text = bytes(random, random.nextInt(4) == 0 ? random.nextInt(16) : random.nextInt(150));
            Ghash ghash = new Ghash(h);
            // Reused: the second hash must not depend on the first.
            for (int repeat = 0; repeat < 2; repeat++) {
                ghash.reset();
                ghash.update(aad, 0, aad.length);
                ghash.update(text, 0, text.length);
                ghash.finish(aad.length, text.length);
                assertThat(hex(ghash.high(), ghash.low()))
                        .as("round %d: %d bytes AAD, %d bytes text", round, aad.length, text.length)
                        .isEqualTo(reference(h, aad, text));
            }
        }
    }

    @Test
    void hashesEveryBlockCountUpToNine() {
        SplittableRandom random = new SplittableRandom(9);
        byte[] h = bytes(random, 16);
        Ghash ghash = new Ghash(h);
        for (int blocks = 0; blocks <= 8; blocks++) {
            byte[] text = bytes(random, blocks * 16);
            ghash.reset();
            ghash.update(text, 0, text.length);
            ghash.finish(0, text.length);
            assertThat(hex(ghash.high(), ghash.low())).as("%d blocks + length", blocks)
                    .isEqualTo(reference(h, new byte[0], text));
        }
    }

    /** GHASH_H(A || pad || C || pad || len(A) || len(C)) with Algorithm 1's multiplication. */
    private static String reference(byte[] h, byte[] aad, byte[] text) {
        BigInteger hValue = new BigInteger(1, h);
        BigInteger y = BigInteger.ZERO;
        for (byte[] part : new byte[][] {aad, text}) {
            byte[] padded = Arrays.copyOf(part, (part.length + 15) / 16 * 16);
            for (int i = 0; i < padded.length; i += 16) {
                y = multiply(y.xor(new BigInteger(1, Arrays.copyOfRange(padded, i, i + 16))), hValue);
            }
        }
        BigInteger lengths = BigInteger.valueOf(aad.length * 8L).shiftLeft(64).or(BigInteger.valueOf(text.length * 8L));
        y = multiply(y.xor(lengths), hValue);
        return String.format("%032x", y);
    }

    /** SP 800-38D, 6.3, Algorithm 1: X * Y in GF(2^128), bit 0 = the leftmost bit. */
    private static BigInteger multiply(BigInteger x, BigInteger y) {
        BigInteger z = BigInteger.ZERO;
        BigInteger v = y;
        for (int i = 0; i < 128; i++) {
            if (x.testBit(127 - i)) {
                z = z.xor(v);
            }
            v = v.testBit(0) ? v.shiftRight(1).xor(R) : v.shiftRight(1);
        }
        return z;
    }

    private static String hex(long high, long low) {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
