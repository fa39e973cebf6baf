package io.skirmish.protocol.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GHASH, the authenticator of GCM (NIST SP 800-38D, 6.4), for one hash subkey H, in Java
 * without per-message allocation.
 *
 * <p>The hash of blocks X1..Xn is X1 * H^n + X2 * H^(n-1) + ... + Xn * H in GF(2^128).
 * Blocks are taken two at a time, {@code Y = (Y + X1) * H^2 + X2 * H}, computed as ONE Horner
 * chain over the 16 byte positions: each step multiplies the running sum by x^8 (a shift and
 * one lookup in a fixed reduction table) and adds, for both blocks, the block's byte times its
 * power of H from two 16-entry nibble tables (Shoup's method). The chain's latency is paid once
 * for two blocks; the extra table lookups do not depend on it. Tables: 1 KiB per key (H and
 * H^2, two nibble tables each, 128-bit entries), few enough cache lines that thousands of
 * connections' tables do not thrash the cache the way 4 KiB byte tables would. Measured
 * alternatives (single block per chain, four blocks, two chains of eight bytes) were slower
 * in C2-compiled Java.
 *
 * <p>Bit order is GCM's: the first bit of a block is the coefficient of x^0, so with the block
 * read as a big-endian 128-bit number, multiplying by x is a right shift. Not thread-safe.
 */
final class Ghash {
    static final int BLOCK_BYTES = 16;
    /** Blocks per Horner chain (powers of H kept in the tables). */
    private static final int GROUP = 2;
    /** Entries per power of H: two nibble tables of 16. */
    private static final int POWER_STRIDE = 32;
    /** Offset of the second nibble's table (entries times x^4) within a power. */
    private static final int SECOND_NIBBLE = 16;
    /** GCM's reduction constant R = 11100001 || 0^120, its high 64 bits. */
    private static final long R = 0xE100_0000_0000_0000L;
    /**
     * Reduction of the 8 bits a right shift by 8 pushes out of the low end: for bit b of the
     * index, R shifted right by the 7 - b steps that follow that bit's fall (all within the
     * high 64 bits).
     */
    private static final long[] REDUCE_8_BITS = reductionTable();
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * High and low 64 bits of the table entries: for power p = 1..2 at (p - 1) * POWER_STRIDE,
     * H^p * n for each nibble n (its top bit is x^0), then H^p * n * x^4.
     */
    private final long[] tableHigh = new long[GROUP * POWER_STRIDE];
    private final long[] tableLow = new long[GROUP * POWER_STRIDE];
    private final long[] pending = new long[2 * GROUP];
    private final byte[] lastBlock = new byte[BLOCK_BYTES];
    private int pendingCount;
    private long hashHigh;
    private long hashLow;

    /** @param h the hash subkey E(K, 0^128), 16 bytes */
    Ghash(byte[] h) {
        long hHigh = (long) LONG.get(h, 0);
        long hLow = (long) LONG.get(h, 8);
        fillPower(1, hHigh, hLow);
        long pHigh = hHigh;
        long pLow = hLow;
        for (int power = 2; power <= GROUP; power++) {
            // H^power = H^(power - 1) * H, with the one-block chain over the H tables.
            Arrays.fill(pending, 0);
            pending[0] = pHigh;
            pending[1] = pLow;
            pendingCount = 1;
            hashHigh = 0;
            hashLow = 0;
            multiplyPending();
            pHigh = hashHigh;
            pLow = hashLow;
            fillPower(power, pHigh, pLow);
        }
        reset();
    }

    /** Starts a new hash. */
    void reset() {
        hashHigh = 0;
        hashLow = 0;
        pendingCount = 0;
    }

    /** Absorbs {@code length} bytes, the last block padded with zeros (as GCM pads A and C). */
    void update(byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; i + BLOCK_BYTES <= end; i += BLOCK_BYTES) {
            absorb((long) LONG.get(data, i), (long) LONG.get(data, i + 8));
        }
        if (i < end) {
            Arrays.fill(lastBlock, (byte) 0);
            System.arraycopy(data, i, lastBlock, 0, end - i);
            absorb((long) LONG.get(lastBlock, 0), (long) LONG.get(lastBlock, 8));
        }
    }

    /** Absorbs GCM's final block (the bit lengths of A and C) and completes the hash. */
    void finish(long aadBytes, long textBytes) {
        absorb(aadBytes * Byte.SIZE, textBytes * Byte.SIZE);
        if (pendingCount > 0) {
            multiplyPending();
        }
    }

    /** High 64 bits of the hash (after {@link #finish}). */
    long high() {
        return hashHigh;
    }

    /** Low 64 bits of the hash (after {@link #finish}). */
    long low() {
        return hashLow;
    }

    private void absorb(long blockHigh, long blockLow) {
        pending[2 * pendingCount] = blockHigh;
        pending[2 * pendingCount + 1] = blockLow;
        if (++pendingCount == GROUP) {
            multiplyPending();
        }
    }

    /**
     * hash = (hash + P1) * H^2 + P2 * H for two pending blocks, or (hash + P1) * H for one (the
     * second lane then holds a zero block, which adds nothing: entry 0 of every table is zero).
     */
    private void multiplyPending() {
        boolean pair = pendingCount == 2;
        long[] high = tableHigh;
        long[] low = tableLow;
        // Lane 0 is multiplied by H^2 in a pair, by H when alone; lane 1 always by H.
        int first = pair ? POWER_STRIDE : 0;
        long v0 = pending[1] ^ hashLow;
        long v1 = pair ? pending[3] : 0;
        long zHigh = 0;
        long zLow = 0;
        // Bytes 15..8 of both lanes (the low longs), then bytes 7..0 (the high longs).
        for (int half = 0; half < 2; half++) {
            for (int k = 0; k < 8; k++) {
                int reduce = (int) (zLow & 0xFF);
                int f0 = first + ((int) (v0 >>> 4) & 0xF);
                int s0 = first + SECOND_NIBBLE + ((int) v0 & 0xF);
                int f1 = (int) (v1 >>> 4) & 0xF;
                int s1 = SECOND_NIBBLE + ((int) v1 & 0xF);
                v0 >>>= 8;
                v1 >>>= 8;
                zLow = ((zHigh << 56) | (zLow >>> 8)) ^ low[f0] ^ low[s0] ^ low[f1] ^ low[s1];
                zHigh = (zHigh >>> 8) ^ REDUCE_8_BITS[reduce] ^ high[f0] ^ high[s0] ^ high[f1] ^ high[s1];
            }
            v0 = pending[0] ^ hashHigh;
            v1 = pair ? pending[2] : 0;
        }
        hashHigh = zHigh;
        hashLow = zLow;
        pendingCount = 0;
    }

    /** Fills the two nibble tables of {@code power} from P = H^power. */
    private void fillPower(int power, long pHigh, long pLow) {
        // P * x^j for j = 0..7: shift right by one bit, reduce with R when a bit falls off.
        long[] timesXHigh = new long[8];
        long[] timesXLow = new long[8];
        long h = pHigh;
        long l = pLow;
        for (int j = 0; j < 8; j++) {
            timesXHigh[j] = h;
            timesXLow[j] = l;
            long reduce = (l & 1) == 0 ? 0 : R;
            l = (h << 63) | (l >>> 1);
            h = (h >>> 1) ^ reduce;
        }
        int base = (power - 1) * POWER_STRIDE;
        for (int n = 0; n < 16; n++) {
            for (int j = 0; j < 4; j++) {
                if ((n & (8 >>> j)) != 0) {
                    tableHigh[base + n] ^= timesXHigh[j];
                    tableLow[base + n] ^= timesXLow[j];
                    tableHigh[base + SECOND_NIBBLE + n] ^= timesXHigh[j + 4];
                    tableLow[base + SECOND_NIBBLE + n] ^= timesXLow[j + 4];
                }
            }
        }
    }

    private static long[] reductionTable() {
        long[] reduction = new long[256];
        for (int r = 0; r < 256; r++) {
            for (int bit = 0; bit < 8; bit++) {
                if ((r & (1 << bit)) != 0) {
                    reduction[r] ^= R >>> (7 - bit);
                }
            }
        }
        return reduction;
    }
}
