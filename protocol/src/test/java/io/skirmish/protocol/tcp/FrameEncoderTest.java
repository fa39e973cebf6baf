package io.skirmish.protocol.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.Samples;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.ClientMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameEncoderTest {
    @Test
    void writesLengthThenMessage() {
        ClientMessage message = Samples.joinQueue();
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder());
        channel.writeOutbound(message);
        ByteBuf frame = channel.readOutbound();
        assertThat(frame.readInt()).isEqualTo(message.getSerializedSize());
        byte[] body = new byte[frame.readableBytes()];
        frame.readBytes(body);
        frame.release();
        assertThat(body).isEqualTo(message.toByteArray());
    }

    @Test
    void roundTripsThroughFrameAndEnvelopeDecoders() {
        EmbeddedChannel sender = new EmbeddedChannel(new FrameEncoder());
        EmbeddedChannel receiver = new EmbeddedChannel(new FrameDecoder(),
                new EnvelopeDecoder<>(ClientMessage.getDefaultInstance()));
        ClientMessage message = Samples.joinQueue();
        sender.writeOutbound(message, message);
        for (Object frame; (frame = sender.readOutbound()) != null; ) {
            receiver.writeInbound(frame);
        }
        ClientMessage first = receiver.readInbound();
        ClientMessage second = receiver.readInbound();
        assertThat(first).isEqualTo(message);
        assertThat(second).isEqualTo(message);
        assertThat(receiver.finish()).isFalse();
    }

    @Test
    void refusesToEncodeOversizedMessage() {
        ClientMessage message = Samples.joinQueue();
        FrameEncoder encoder = new FrameEncoder(message.getSerializedSize() - 1);
        assertThatThrownBy(() -> encoder.encode(message, Unpooled.buffer()))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE));
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        assertThatThrownBy(() -> channel.writeOutbound(message))
                .isInstanceOf(EncoderException.class)
                .hasCauseInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesToEncodeEmptyMessage() {
        assertThatThrownBy(() -> new FrameEncoder().encode(ClientMessage.getDefaultInstance(), Unpooled.buffer()))
                .isInstanceOf(ProtocolException.class);
    }
}
