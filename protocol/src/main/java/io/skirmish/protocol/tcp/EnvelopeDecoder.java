package io.skirmish.protocol.tcp;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.skirmish.protocol.BoundedParser;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;

import java.util.List;

/**
 * Turns the body of one frame (from {@link FrameDecoder}) into an envelope message: any
 * {@code ClientMessage} or {@code ServerMessage} of the Skirmish services, i.e. a message with a
 * {@code uint32 version = 1}, a {@code uint64 request_id = 2} and a {@code oneof body}.
 *
 * <pre>
 * frame body (protobuf):
 * +-------------------+----------------------+-----------------------------------+
 * | 1: version uint32 | 2: request_id uint64 | 10..: exactly one oneof body case |
 * +-------------------+----------------------+-----------------------------------+
 *   fields may come in any order; unknown fields are kept (forward compatibility)
 * </pre>
 *
 * <p>Checks, in order: protobuf validity within the frame limit and a recursion limit of
 * {@value BoundedParser#DEFAULT_RECURSION_LIMIT} ({@code MALFORMED_MESSAGE}), a supported
 * {@code version} ({@code UNSUPPORTED_VERSION}), a body this build knows ({@code UNKNOWN_MESSAGE}:
 * a body case added by a newer peer arrives as an unknown field and leaves the oneof unset).
 * The last two carry the envelope's {@code request_id} ({@link ProtocolException#requestId()}),
 * so that the refusal can name the request.
 * Everything else, such as field ranges, is the service's business.
 *
 * <p>Stateless and {@link ChannelHandler.Sharable sharable}. The pipeline use releases each frame.
 *
 * @param <T> the envelope type, e.g. {@code io.skirmish.protocol.match.v1.ClientMessage}
 */
@ChannelHandler.Sharable
public final class EnvelopeDecoder<T extends Message> extends MessageToMessageDecoder<ByteBuf> {
    private final BoundedParser<T> parser;
    private final FieldDescriptor versionField;
    private final FieldDescriptor requestIdField;
    private final OneofDescriptor bodyOneof;
    private final String typeName;

    /** A decoder for frames up to {@link FrameLimits#DEFAULT_MAX_FRAME_BYTES}. */
    public EnvelopeDecoder(T prototype) {
        this(prototype, FrameLimits.DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * @param prototype     the envelope's default instance, e.g. {@code ClientMessage.getDefaultInstance()}
     * @param maxFrameBytes the frame limit (the same as the {@link FrameDecoder}'s)
     * @throws IllegalArgumentException if the type is not an envelope
     */
    @SuppressWarnings("unchecked")
    public EnvelopeDecoder(T prototype, int maxFrameBytes) {
        super(ByteBuf.class);
        Descriptor descriptor = prototype.getDescriptorForType();
        this.typeName = descriptor.getFullName();
        this.versionField = descriptor.findFieldByNumber(1);
        this.requestIdField = descriptor.findFieldByNumber(2);
        this.bodyOneof = descriptor.getOneofs().stream()
                .filter(oneof -> oneof.getName().equals("body"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(typeName + " has no oneof body"));
        if (versionField == null || !versionField.getName().equals("version")
                || versionField.getType() != FieldDescriptor.Type.UINT32) {
            throw new IllegalArgumentException(typeName + " has no uint32 version = 1");
        }
        if (requestIdField == null || requestIdField.getType() != FieldDescriptor.Type.UINT64) {
            throw new IllegalArgumentException(typeName + " has no uint64 request_id = 2");
        }
        this.parser = new BoundedParser<>((com.google.protobuf.Parser<T>) prototype.getParserForType(),
                FrameLimits.checkMaxFrameBytes(maxFrameBytes));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws ProtocolException {
        out.add(decode(frame));
    }

    /**
     * Parses and checks all readable bytes of {@code frame} (the reader index does not move, the
     * buffer is not released).
     *
     * @throws ProtocolException {@code MALFORMED_MESSAGE}, {@code UNSUPPORTED_VERSION} or {@code UNKNOWN_MESSAGE}
     */
    public T decode(ByteBuf frame) throws ProtocolException {
        return check(parser.parse(frame));
    }

    /** As {@link #decode(ByteBuf)}, for a byte array. */
    public T decode(byte[] frame) throws ProtocolException {
        return check(parser.parse(frame, 0, frame.length));
    }

    private T check(T envelope) throws ProtocolException {
        int version = (Integer) envelope.getField(versionField);
        long requestId = (Long) envelope.getField(requestIdField);
        if (!ProtocolVersion.isSupported(Integer.toUnsignedLong(version))) {
            throw ProtocolException.forRequest(ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION,
                    typeName + " version " + Integer.toUnsignedString(version) + " outside supported "
                            + ProtocolVersion.MIN_SUPPORTED + ".." + ProtocolVersion.CURRENT, requestId);
        }
        if (envelope.getOneofFieldDescriptor(bodyOneof) == null) {
            throw ProtocolException.forRequest(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE,
                    typeName + " without a known body (" + envelope.getUnknownFields().asMap().size()
                            + " unknown fields)", requestId);
        }
        return envelope;
    }
}
