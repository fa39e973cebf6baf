package io.skirmish.protocol.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameDecoderTest {
    private static ByteBuf frames(byte[]... bodies) {
        ByteBuf out = Unpooled.buffer();
        for (byte[] body : bodies) {
            out.writeInt(body.length).writeBytes(body);
        }
        return out;
    }

    private static byte[] body(int length, int seed) {
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (seed + i);
        }
        return body;
    }

    private static List<byte[]> drain(EmbeddedChannel channel) {
        List<byte[]> result = new ArrayList<>();
        for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            frame.release();
            result.add(bytes);
        }
        return result;
    }

    @Test
    void decodesFramesSplitAtEveryBytePosition() {
        byte[] first = body(10, 1);
        byte[] second = body(3, 50);
        byte[] wire = new byte[4 + 10 + 4 + 3];
        frames(first, second).readBytes(wire);
        for (int split = 0; split <= wire.length; split++) {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
            channel.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
            assertThat(drain(channel)).as("split at %d", split).containsExactly(first, second);
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void decodesFramesFedOneByteAtATime() {
        byte[] wire = new byte[4 + 20];
        frames(body(20, 9)).readBytes(wire);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
        for (byte b : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(drain(channel)).containsExactly(body(20, 9));
    }

    @Test
    void decodesSeveralFramesInOneBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
        channel.writeInbound(frames(body(1, 0), body(64, 1), body(5, 2)));
        assertThat(drain(channel)).containsExactly(body(1, 0), body(64, 1), body(5, 2));
    }

    @Test
    void waitsForTruncatedBody() {
        FrameDecoder decoder = new FrameDecoder(64);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        ByteBuf wire = frames(body(30, 3));
        channel.writeInbound(wire.readRetainedSlice(20));
        assertThat(drain(channel)).isEmpty();
        assertThat(decoder.bufferedBytes()).isEqualTo(20);
        channel.writeInbound(wire);
        assertThat(drain(channel)).containsExactly(body(30, 3));
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void acceptsFrameOfExactlyMaxLength() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
        channel.writeInbound(frames(body(64, 7)));
        assertThat(drain(channel)).containsExactly(body(64, 7));
    }

    @Test
    void rejectsOversizedLengthBeforeBufferingTheBody() {
        FrameDecoder decoder = new FrameDecoder(64);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        // Only the length has arrived: the decoder must fail now, not wait for 65 bytes.
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(65)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE);
                    assertThat(e).hasMessageContaining("65").hasMessageContaining("64");
                });
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void rejectsLengthAboveSignedIntRange() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(0xFFFF_FFFF)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("4294967295");
    }

    @Test
    void rejectsZeroLength() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(0)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE));
    }

    @Test
    void discardsEverythingAfterAFailure() {
        FrameDecoder decoder = new FrameDecoder(64);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(1_000_000).writeZero(100)))
                .isInstanceOf(ProtocolException.class);
        // A valid frame after the garbage is not trusted either: the stream is out of sync.
        channel.writeInbound(frames(body(5, 1)));
        channel.writeInbound(Unpooled.buffer().writeZero(10_000));
        assertThat(drain(channel)).isEmpty();
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void rejectsGarbage() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(garbage)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesNonsensicalLimit() {
        assertThatThrownBy(() -> new FrameDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
