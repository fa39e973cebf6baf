package io.skirmish.protocol;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.netty.buffer.ByteBuf;
import io.skirmish.protocol.common.v1.ErrorCode;

import java.io.IOException;
import java.util.Objects;

/**
 * Parses untrusted protobuf bytes with explicit limits: at most {@code maxBytes} in total and at
 * most {@code recursionLimit} levels of nested messages (protobuf's default is 100, far more than
 * any Skirmish message needs, and each level costs stack). Rejects trailing garbage such as a
 * stray end-group tag, which a plain {@code Parser.parseFrom(CodedInputStream)} would accept.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the message type
 */
public final class BoundedParser<T extends MessageLite> {
    /** Deep enough for every Skirmish message (the deepest has 4 levels), small enough to be cheap. */
    public static final int DEFAULT_RECURSION_LIMIT = 20;

    private final Parser<T> parser;
    private final int maxBytes;
    private final int recursionLimit;

    /**
     * @param parser         the generated parser, e.g. {@code InputBatch.parser()}
     * @param maxBytes       the largest accepted input
     * @param recursionLimit the deepest accepted nesting of messages
     */
    public BoundedParser(Parser<T> parser, int maxBytes, int recursionLimit) {
        this.parser = Objects.requireNonNull(parser, "parser");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0: " + maxBytes);
        }
        if (recursionLimit <= 0) {
            throw new IllegalArgumentException("recursionLimit must be > 0: " + recursionLimit);
        }
        this.maxBytes = maxBytes;
        this.recursionLimit = recursionLimit;
    }

    /** A parser with {@link #DEFAULT_RECURSION_LIMIT}. */
    public BoundedParser(Parser<T> parser, int maxBytes) {
        this(parser, maxBytes, DEFAULT_RECURSION_LIMIT);
    }

    /** The largest accepted input in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Parses all readable bytes of {@code buf} without moving its reader index.
     *
     * @throws ProtocolException {@code MALFORMED_MESSAGE} for invalid protobuf or a broken limit
     */
    public T parse(ByteBuf buf) throws ProtocolException {
        int length = buf.readableBytes();
        checkLength(length);
        if (buf.nioBufferCount() == 1) {
            return parse(CodedInputStream.newInstance(buf.nioBuffer(buf.readerIndex(), length)), length);
        }
        byte[] copy = new byte[length];
        buf.getBytes(buf.readerIndex(), copy);
        return parse(copy, 0, length);
    }

    /**
     * Parses {@code bytes[offset, offset + length)}.
     *
     * @throws ProtocolException {@code MALFORMED_MESSAGE} for invalid protobuf or a broken limit
     */
    public T parse(byte[] bytes, int offset, int length) throws ProtocolException {
        checkLength(length);
        return parse(CodedInputStream.newInstance(bytes, offset, length), length);
    }

    private void checkLength(int length) throws ProtocolException {
        if (length > maxBytes) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE,
                    "message of " + length + " bytes exceeds limit " + maxBytes);
        }
    }

    private T parse(CodedInputStream input, int length) throws ProtocolException {
        input.setSizeLimit(maxBytes);
        input.setRecursionLimit(recursionLimit);
        try {
            T message = parser.parseFrom(input);
            // parseFrom(CodedInputStream) stops quietly at an end-group tag; insist on a clean end.
            input.checkLastTagWas(0);
            if (!input.isAtEnd()) {
                throw new InvalidProtocolBufferException("stopped at byte " + input.getTotalBytesRead());
            }
            return message;
        } catch (IOException e) {
            // InvalidProtocolBufferException, or isAtEnd() on input that is already in memory.
            throw new ProtocolException(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE,
                    "invalid protobuf in " + length + " bytes: " + e.getMessage(), e);
        }
    }
}
