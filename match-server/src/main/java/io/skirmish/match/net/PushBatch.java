package io.skirmish.match.net;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.tcp.FrameLimits;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of one publish on an instance's channel: pushes for players connected to that
 * instance, each a {@code ServerMessage} naming its player in {@code player_id}, framed as on the
 * client socket (4-byte big-endian length, then the message). One publish per instance and
 * batch instead of one per player.
 */
final class PushBatch {

    private PushBatch() {
    }

    static byte[] encode(List<ServerMessage> messages) {
        int size = 0;
        for (ServerMessage message : messages) {
            size += FrameLimits.LENGTH_FIELD_BYTES + message.getSerializedSize();
        }
        byte[] out = new byte[size];
        ByteBuffer lengths = ByteBuffer.wrap(out);
        int position = 0;
        for (ServerMessage message : messages) {
            int length = message.getSerializedSize(); // memoized by protobuf
            lengths.putInt(position, length);
            position += FrameLimits.LENGTH_FIELD_BYTES;
            writeInto(message, out, position, length);
            position += length;
        }
        return out;
    }

    /** Serializes straight into the payload (no intermediate array per message). */
    private static void writeInto(ServerMessage message, byte[] out, int offset, int length) {
        try {
            CodedOutputStream stream = CodedOutputStream.newInstance(out, offset, length);
            message.writeTo(stream);
            stream.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("serialized size of a push changed while writing it", e);
        }
    }

    /**
     * The messages of a payload. Throws on a malformed one (a length outside the frame limit or
     * past the end, or a message that does not parse): nothing from it is delivered.
     */
    static List<ServerMessage> decode(byte[] payload) throws InvalidProtocolBufferException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        List<ServerMessage> messages = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < FrameLimits.LENGTH_FIELD_BYTES) {
                throw new InvalidProtocolBufferException("truncated length field: " + in.remaining() + " bytes left");
            }
            int length = in.getInt();
            if (length < 0 || length > FrameLimits.DEFAULT_MAX_FRAME_BYTES || length > in.remaining()) {
                throw new InvalidProtocolBufferException("push of " + length + " bytes with " + in.remaining()
                        + " left (limit " + FrameLimits.DEFAULT_MAX_FRAME_BYTES + ")");
            }
            messages.add(ServerMessage.parseFrom(ByteBuffer.wrap(payload, in.position(), length)));
            in.position(in.position() + length);
        }
        return messages;
    }
}
