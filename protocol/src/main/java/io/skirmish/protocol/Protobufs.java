package io.skirmish.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Writes protobuf messages straight into Netty buffers, without an intermediate byte array. */
public final class Protobufs {
    private Protobufs() {
    }

    /**
     * Appends {@code message} (exactly {@code message.getSerializedSize()} bytes) at the writer
     * index of {@code out}, growing it if needed.
     */
    public static void write(MessageLite message, ByteBuf out) {
        int size = message.getSerializedSize();
        out.ensureWritable(size);
        try {
            if (out.nioBufferCount() == 1) {
                ByteBuffer target = out.nioBuffer(out.writerIndex(), size);
                CodedOutputStream coded = CodedOutputStream.newInstance(target);
                message.writeTo(coded);
                coded.flush();
                coded.checkNoSpaceLeft();
                out.writerIndex(out.writerIndex() + size);
            } else {
                message.writeTo(new ByteBufOutputStream(out));
            }
        } catch (IOException e) {
            // Only possible if the message lied about its size: a bug, not bad input.
            throw new UncheckedIOException(e);
        }
    }
}
