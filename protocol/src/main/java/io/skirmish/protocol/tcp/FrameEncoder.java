package io.skirmish.protocol.tcp;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.Protobufs;
import io.skirmish.protocol.common.v1.ErrorCode;

/**
 * Writes a protobuf message as one frame: a 4-byte big-endian length, then the message bytes
 * (layout in {@link FrameDecoder}). A message of 0 bytes or above {@code maxFrameBytes} is
 * refused (the write fails with an {@code EncoderException} wrapping a {@link ProtocolException}),
 * because the peer's decoder would reject it and close the connection anyway.
 *
 * <p>Stateless and {@link ChannelHandler.Sharable sharable}.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<MessageLite> {
    private final int maxFrameBytes;

    /** An encoder with the default limit {@link FrameLimits#DEFAULT_MAX_FRAME_BYTES}. */
    public FrameEncoder() {
        this(FrameLimits.DEFAULT_MAX_FRAME_BYTES);
    }

    /** @param maxFrameBytes the largest body length written */
    public FrameEncoder(int maxFrameBytes) {
        super(MessageLite.class);
        this.maxFrameBytes = FrameLimits.checkMaxFrameBytes(maxFrameBytes);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MessageLite msg, boolean preferDirect) {
        int capacity = FrameLimits.LENGTH_FIELD_BYTES + Math.min(msg.getSerializedSize(), maxFrameBytes);
        return preferDirect ? ctx.alloc().ioBuffer(capacity) : ctx.alloc().heapBuffer(capacity);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MessageLite msg, ByteBuf out) throws ProtocolException {
        encode(msg, out);
    }

    /** Appends one frame to {@code out}; usable without a pipeline (tests, bots, benchmarks). */
    public void encode(MessageLite msg, ByteBuf out) throws ProtocolException {
        int size = msg.getSerializedSize();
        if (size == 0 || size > maxFrameBytes) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE,
                    "refusing to send " + msg.getClass().getSimpleName() + " of " + size
                            + " bytes, outside 1.." + maxFrameBytes);
        }
        out.writeInt(size);
        Protobufs.write(msg, out);
    }
}
