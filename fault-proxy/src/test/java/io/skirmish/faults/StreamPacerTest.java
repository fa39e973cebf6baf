package io.skirmish.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StreamPacerTest {

    private static final long MS = 1_000_000L;
    private final FaultCounters counters = new FaultCounters();
    private final StreamPacer pacer = new StreamPacer(new SplittableRandom(3));

    @Test
    void latencyDelaysEveryChunk() {
        assertThat(pacer.dueNs(FaultProfile.NONE.withLatency(40, 0), 0, counters)).isEqualTo(40 * MS);
    }

    @Test
    void jitterNeverReordersTheByteStream() {
        FaultProfile jittery = FaultProfile.NONE.withLatency(50, 40);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long due = pacer.dueNs(jittery, i * MS / 10, counters);
            assertThat(due).isGreaterThanOrEqualTo(previous);
            previous = due;
        }
    }

    @Test
    void aLostChunkCostsARetransmissionThatLaterChunksWaitBehind() {
        long lost = pacer.dueNs(FaultProfile.NONE.withLoss(1), 0, counters);
        long next = pacer.dueNs(FaultProfile.NONE, MS, counters);
        assertThat(lost).isEqualTo(FaultProfile.TCP_RETRANSMIT_MS * MS);
        assertThat(next).isEqualTo(lost);
        assertThat(counters.retransmitted()).isOne();
    }
}
