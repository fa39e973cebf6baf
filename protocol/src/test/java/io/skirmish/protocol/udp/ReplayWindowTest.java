package io.skirmish.protocol.udp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayWindowTest {
    private final ReplayWindow window = new ReplayWindow();

    private PacketStatus receive(long sequence) {
        PacketStatus status = window.check(sequence);
        if (status == PacketStatus.OK) {
            window.markReceived(sequence);
        }
        return status;
    }

    @Test
    void acceptsEachSequenceOnce() {
        assertThat(receive(1)).isEqualTo(PacketStatus.OK);
        assertThat(receive(1)).isEqualTo(PacketStatus.DUPLICATE);
        assertThat(receive(0)).isEqualTo(PacketStatus.OK);
        assertThat(receive(0)).isEqualTo(PacketStatus.DUPLICATE);
    }

    @Test
    void acceptsOutOfOrderWithinTheWindow() {
        assertThat(receive(100)).isEqualTo(PacketStatus.OK);
        assertThat(receive(100 - ReplayWindow.WINDOW_BITS + 1)).isEqualTo(PacketStatus.OK);
        assertThat(receive(100 - ReplayWindow.WINDOW_BITS + 1)).isEqualTo(PacketStatus.DUPLICATE);
        assertThat(receive(50)).isEqualTo(PacketStatus.OK);
    }

    @Test
    void rejectsTooOld() {
        receive(5000);
        assertThat(window.check(5000 - ReplayWindow.WINDOW_BITS)).isEqualTo(PacketStatus.TOO_OLD);
        assertThat(window.check(1)).isEqualTo(PacketStatus.TOO_OLD);
    }

    @Test
    void clearsReusedRingSlotsWhenTheWindowAdvancesStepByStep() {
        int w = ReplayWindow.WINDOW_BITS;
        receive(10);
        receive(10 + w - 1);
        receive(10 + w + 1); // skips 10 + w, whose ring slot still holds 10
        assertThat(window.check(10)).isEqualTo(PacketStatus.TOO_OLD);
        assertThat(receive(10 + w)).isEqualTo(PacketStatus.OK);
        assertThat(receive(10 + w)).isEqualTo(PacketStatus.DUPLICATE);
    }

    @Test
    void clearsTheWholeRingOnABigJump() {
        int w = ReplayWindow.WINDOW_BITS;
        receive(10);
        receive(10 + w + 5);
        assertThat(receive(10 + w)).isEqualTo(PacketStatus.OK);
    }

    @Test
    void checkDoesNotRecord() {
        assertThat(window.check(7)).isEqualTo(PacketStatus.OK);
        assertThat(window.check(7)).isEqualTo(PacketStatus.OK);
        assertThat(window.newest()).isEqualTo(-1);
    }

    @Test
    void handlesTheLargestSequence() {
        assertThat(receive(PacketHeaderDescriptor.MAX_SEQUENCE)).isEqualTo(PacketStatus.OK);
        assertThat(receive(PacketHeaderDescriptor.MAX_SEQUENCE)).isEqualTo(PacketStatus.DUPLICATE);
        assertThat(receive(PacketHeaderDescriptor.MAX_SEQUENCE - 1)).isEqualTo(PacketStatus.OK);
    }
}
