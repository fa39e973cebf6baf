package io.skirmish.protocol.udp;

import io.netty.buffer.Unpooled;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.Samples;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.Input;
import io.skirmish.protocol.game.v1.InputBatch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpPayloadsTest {
    @Test
    void rejectsBatchWithTooManyInputs() {
        InputBatch.Builder batch = InputBatch.newBuilder();
        for (int i = 0; i <= UdpPayloads.MAX_INPUTS_PER_BATCH; i++) {
            batch.addInputs(Input.newBuilder().setSequence(i));
        }
        assertThatThrownBy(() -> UdpPayloads.parseInputBatch(Unpooled.wrappedBuffer(batch.build().toByteArray())))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_INVALID_ARGUMENT));
    }

    @Test
    void rejectsMalformedPayloads() {
        byte[] garbage = {0x0A, 0x7F, 0x01};
        assertThatThrownBy(() -> UdpPayloads.parseInputBatch(Unpooled.wrappedBuffer(garbage)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> UdpPayloads.parseSnapshot(Unpooled.wrappedBuffer(garbage)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void deltaSnapshotOmitsUnchangedFields() {
        // Presence matters: an absent x means "unchanged", not "x = 0".
        var delta = Samples.snapshot(1, false).getEntities(0);
        assertThat(delta.hasXCm()).isTrue();
        assertThat(delta.hasHealth()).isFalse();
        var parsed = UdpPayloads.parseSnapshot(Unpooled.wrappedBuffer(Samples.snapshot(1, false).toByteArray()));
        assertThat(parsed.getEntities(0).hasHealth()).isFalse();
    }

    @Test
    void snapshotSizesStayFarBelowTheLimit() {
        int full = Samples.snapshot(10, true).getSerializedSize();
        int delta = Samples.snapshot(10, false).getSerializedSize();
        assertThat(full).isLessThan(300);
        assertThat(delta).isLessThan(full);
    }
}
