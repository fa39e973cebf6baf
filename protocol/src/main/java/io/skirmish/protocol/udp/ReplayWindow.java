package io.skirmish.protocol.udp;

import java.util.Arrays;

/**
 * Remembers which of the last {@value #WINDOW_BITS} sequence numbers were received, so that a
 * replayed or duplicated packet is dropped before it reaches the game.
 *
 * <p>Usage is two-phase: {@link #check} before decryption (cheap early drop) and
 * {@link #markReceived} only after the GCM tag verified. Marking before authentication would let
 * a forger who guesses the connection id poison the window with huge sequence numbers and make
 * every genuine packet look too old.
 *
 * <p>The bitmap is a ring of {@value #WINDOW_BITS} bits indexed by {@code sequence mod WINDOW_BITS}.
 * At 128 packets per second the window covers 8 s of reordering, far more than a real network.
 * Not thread-safe: owned by the connection's single receiving thread.
 */
public final class ReplayWindow {
    /** Number of sequences tracked below the newest one (a power of two). */
    public static final int WINDOW_BITS = 1024;

    private final long[] bits = new long[WINDOW_BITS / Long.SIZE];
    private long newest = -1;

    /** The newest authenticated sequence received, -1 before the first. */
    public long newest() {
        return newest;
    }

    /**
     * Whether {@code sequence} (0..2^32-1) would be accepted.
     *
     * @return {@link PacketStatus#OK}, {@link PacketStatus#DUPLICATE} or {@link PacketStatus#TOO_OLD}
     */
    public PacketStatus check(long sequence) {
        if (sequence > newest) {
            return PacketStatus.OK;
        }
        if (newest - sequence >= WINDOW_BITS) {
            return PacketStatus.TOO_OLD;
        }
        return isSet(sequence) ? PacketStatus.DUPLICATE : PacketStatus.OK;
    }

    /** Records an authenticated {@code sequence} that {@link #check} accepted. */
    public void markReceived(long sequence) {
        if (sequence > newest) {
            long advance = sequence - newest;
            if (advance >= WINDOW_BITS) {
                Arrays.fill(bits, 0L);
            } else {
                // The slots between the old and the new newest now stand for unseen sequences.
                for (long s = newest + 1; s < sequence; s++) {
                    clear(s);
                }
            }
            newest = sequence;
        }
        set(sequence);
    }

    private boolean isSet(long sequence) {
        int index = (int) (sequence & (WINDOW_BITS - 1));
        return (bits[index >>> 6] & (1L << index)) != 0;
    }

    private void set(long sequence) {
        int index = (int) (sequence & (WINDOW_BITS - 1));
        bits[index >>> 6] |= 1L << index;
    }

    private void clear(long sequence) {
        int index = (int) (sequence & (WINDOW_BITS - 1));
        bits[index >>> 6] &= ~(1L << index);
    }
}
