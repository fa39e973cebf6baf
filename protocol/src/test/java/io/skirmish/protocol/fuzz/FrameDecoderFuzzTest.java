package io.skirmish.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.tcp.FrameDecoder;
import io.skirmish.protocol.tcp.FrameLimits;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Feeds arbitrary byte streams, in arbitrary chunks, to {@link FrameDecoder}. */
class FrameDecoderFuzzTest {
    /** Small limit so the fuzzer reaches the boundary quickly. */
    private static final int MAX_FRAME_BYTES = 300;

    @FuzzTest(maxDuration = FuzzSupport.DURATION)
    void emitsOnlyBoundedFramesAndBuffersAtMostOneFrame(FuzzedDataProvider data) {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME_BYTES);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<ByteBuf> chunks = new ArrayList<>();
        boolean failed = false;
        while (data.remainingBytes() > 0) {
            byte[] bytes = data.consumeBytes(data.consumeInt(1, 2 * MAX_FRAME_BYTES));
            if (bytes.length == 0) {
                break;
            }
            ByteBuf chunk = Unpooled.wrappedBuffer(bytes);
            chunks.add(chunk);
            // Frames that precede a bad length in the same chunk are valid and still delivered.
            boolean failedBefore = failed;
            try {
                channel.writeInbound(chunk);
            } catch (ProtocolException e) {
                failed = true;
            }
            assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(MAX_FRAME_BYTES + FrameLimits.LENGTH_FIELD_BYTES - 1);
            if (failed) {
                assertThat(decoder.bufferedBytes()).as("poisoned decoder buffers nothing").isZero();
            }
            for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
                assertThat(failedBefore).as("no frame after a failure").isFalse();
                assertThat(frame.readableBytes()).isBetween(1, MAX_FRAME_BYTES);
                frame.release();
            }
        }
        channel.finishAndReleaseAll();
        // The decoder may keep an input as its cumulation buffer, but must release it in the end.
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.refCnt()).as("input released").isZero());
    }
}
