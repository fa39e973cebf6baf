package io.skirmish.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.game.v1.InputBatch;
import io.skirmish.protocol.game.v1.Snapshot;
import io.skirmish.protocol.udp.UdpPayloads;

import static org.assertj.core.api.Assertions.assertThat;

/** Arbitrary decrypted payloads into the InputBatch and Snapshot parsers. */
class UdpPayloadFuzzTest {
    @FuzzTest(maxDuration = FuzzSupport.DURATION)
    void parsesOrThrowsProtocolException(byte[] payload) {
        try {
            InputBatch batch = UdpPayloads.parseInputBatch(Unpooled.wrappedBuffer(payload));
            assertThat(batch.getInputsCount()).isLessThanOrEqualTo(UdpPayloads.MAX_INPUTS_PER_BATCH);
            assertThat(UdpPayloads.parseInputBatch(Unpooled.wrappedBuffer(batch.toByteArray()))).isEqualTo(batch);
        } catch (ProtocolException expected) {
            assertThat(expected.code()).isNotNull();
        }
        try {
            Snapshot snapshot = UdpPayloads.parseSnapshot(Unpooled.wrappedBuffer(payload));
            assertThat(UdpPayloads.parseSnapshot(Unpooled.wrappedBuffer(snapshot.toByteArray()))).isEqualTo(snapshot);
        } catch (ProtocolException expected) {
            assertThat(expected.code()).isNotNull();
        }
    }
}
