package io.skirmish.protocol.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;

import java.util.List;

/**
 * Splits a TCP byte stream into frames: a 4-byte length, then that many protobuf bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        body length N (unsigned 32-bit, big endian)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        body: N bytes, one protobuf envelope (1 <= N <= max)   |
 * |                             ...                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Emits each body as a retained slice (the next handler releases it). A length of 0 or above
 * {@code maxFrameBytes} throws {@link ProtocolException} ({@code FRAME_TOO_LARGE}) as soon as the
 * four length bytes have arrived, before any of the body is buffered. After that the decoder is
 * poisoned: it discards everything that still arrives, so memory stays bounded even if the
 * handler is slow to close the connection. The handler is expected to answer with
 * {@link ProtocolException#toError()} and close. The cumulation buffer therefore never holds more
 * than one incomplete frame ({@code maxFrameBytes + 3} bytes) after a read has been decoded.
 *
 * <p>Unlike Netty's {@code ProtobufVarint32FrameDecoder} this has a hard limit; unlike
 * {@code LengthFieldBasedFrameDecoder} it fails at once instead of silently skipping a long frame.
 * Not sharable: one instance per channel, called on the channel's event loop only.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private boolean failed;

    /** A decoder with the default limit {@link FrameLimits#DEFAULT_MAX_FRAME_BYTES}. */
    public FrameDecoder() {
        this(FrameLimits.DEFAULT_MAX_FRAME_BYTES);
    }

    /** @param maxFrameBytes the largest accepted body length */
    public FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = FrameLimits.checkMaxFrameBytes(maxFrameBytes);
    }

    /** The largest accepted body length. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Bytes held in the cumulation buffer (an incomplete frame), for tests and metrics. */
    public int bufferedBytes() {
        return actualReadableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ProtocolException {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < FrameLimits.LENGTH_FIELD_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length == 0 || length > maxFrameBytes) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new ProtocolException(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE,
                    "frame length " + length + " outside 1.." + maxFrameBytes);
        }
        if (in.readableBytes() - FrameLimits.LENGTH_FIELD_BYTES < length) {
            return;
        }
        in.skipBytes(FrameLimits.LENGTH_FIELD_BYTES);
        out.add(in.readRetainedSlice((int) length));
    }
}
