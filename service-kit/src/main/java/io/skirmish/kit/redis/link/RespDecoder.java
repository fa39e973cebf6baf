package io.skirmish.kit.redis.link;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ByteProcessor;

/**
 * Turns a Redis reply stream (RESP2, and the RESP3 types a {@code HELLO 3} connection with
 * client tracking receives) into one Java value per reply, in the shapes Jedis uses for script
 * replies, so the same code reads both:
 *
 * <pre>
 *   +OK\r\n                  String "OK"
 *   -ERR bad thing\r\n       {@link RespError}
 *   :42\r\n                  Long 42
 *   $3\r\nabc\r\n            byte[] {'a','b','c'}      $-1\r\n  null ({@link #NIL} at the top level)
 *   *2\r\n:1\r\n$1\r\nx\r\n  List [1L, byte[] {'x'}]   *-1\r\n  null ({@link #NIL} at the top level)
 *   _\r\n                    null ({@link #NIL} at the top level)      RESP3 from here on
 *   #t\r\n                   Boolean true
 *   ,1.5\r\n                 Double 1.5
 *   %1\r\n+k\r\n:1\r\n          List ["k", 1L] (a map, flattened key, value, ...); ~ (a set) is a List too
 *   >2\r\n...                 {@link RespPush} (out-of-band: not the answer to a command)
 * </pre>
 *
 * <p>A reply that has not fully arrived is parsed again from its start when more bytes come;
 * the query replies are small (a page is at most a few KiB), so that costs less than keeping
 * parser state. Every length is bounded: a bulk string above {@code maxBulkBytes}, an array above
 * {@code maxArrayLength} elements, nesting deeper than {@value #MAX_DEPTH} or a line above
 * {@value #MAX_LINE_BYTES} bytes throws {@link TooLongFrameException}; an unknown type byte or a
 * malformed number throws {@link CorruptedFrameException}. After that the decoder discards
 * everything (like the client {@code FrameDecoder}) and the link closes the connection: Redis
 * is trusted, so this means a desynchronised stream, not an attack.
 *
 * <p>Not sharable: one per connection, on its event loop.
 */
public final class RespDecoder extends ByteToMessageDecoder {

    /** A nil reply at the top level (Netty cannot pass {@code null} along a pipeline). */
    public static final Object NIL = new Object() {
        @Override
        public String toString() {
            return "nil";
        }
    };

    static final int MAX_DEPTH = 8;
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** The smallest encoding of one array element ({@code +\r\n}): bounds an array before its elements arrive. */
    private static final int MIN_ELEMENT_BYTES = 3;
    private static final Object INCOMPLETE = new Object();

    private final int maxBulkBytes;
    private final int maxArrayLength;
    private boolean failed;

    public RespDecoder(int maxBulkBytes, int maxArrayLength) {
        if (maxBulkBytes < 1 || maxArrayLength < 1) {
            throw new IllegalArgumentException("limits must be positive: maxBulkBytes=" + maxBulkBytes
                    + " maxArrayLength=" + maxArrayLength);
        }
        this.maxBulkBytes = maxBulkBytes;
        this.maxArrayLength = maxArrayLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        Object value;
        try {
            value = parse(in, 0);
        } catch (RuntimeException e) {
            failed = true; // the stream is out of step: nothing after this can be trusted
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (value == INCOMPLETE) {
            in.readerIndex(start);
            return;
        }
        out.add(value == null ? NIL : value);
    }

    private Object parse(ByteBuf in, int depth) {
        if (!in.isReadable()) {
            return INCOMPLETE;
        }
        byte type = in.readByte();
        switch (type) {
            case '+': {
                int end = lineEnd(in);
                return end < 0 ? INCOMPLETE : readLine(in, end);
            }
            case '-': {
                int end = lineEnd(in);
                return end < 0 ? INCOMPLETE : new RespError(readLine(in, end));
            }
            case ':': {
                int end = lineEnd(in);
                return end < 0 ? INCOMPLETE : readNumber(in, end);
            }
            case '$':
                return bulk(in);
            case '*':
            case '~':
                return array(in, depth, 1);
            case '%':
                return array(in, depth, 2);
            case '>': {
                Object elements = array(in, depth, 1);
                return elements == INCOMPLETE ? INCOMPLETE : new RespPush((List<?>) elements);
            }
            case '_': {
                int end = lineEnd(in);
                if (end < 0) {
                    return INCOMPLETE;
                }
                in.readerIndex(end + 2);
                return null;
            }
            case '#': {
                int end = lineEnd(in);
                return end < 0 ? INCOMPLETE : "t".equals(readLine(in, end));
            }
            case ',': {
                int end = lineEnd(in);
                if (end < 0) {
                    return INCOMPLETE;
                }
                String text = readLine(in, end);
                try {
                    return Double.parseDouble(text.replace("inf", "Infinity"));
                } catch (NumberFormatException e) {
                    throw new CorruptedFrameException("RESP double '" + text + "'");
                }
            }
            default:
                throw new CorruptedFrameException("unexpected RESP type byte 0x" + Integer.toHexString(type & 0xff));
        }
    }

    private Object bulk(ByteBuf in) {
        int end = lineEnd(in);
        if (end < 0) {
            return INCOMPLETE;
        }
        long length = readNumber(in, end);
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > maxBulkBytes) {
            throw new TooLongFrameException("bulk string of " + length + " bytes outside 0.." + maxBulkBytes);
        }
        if (in.readableBytes() < length + 2) {
            return INCOMPLETE;
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        if (in.readByte() != '\r' || in.readByte() != '\n') {
            throw new CorruptedFrameException("bulk string of " + length + " bytes not followed by CRLF");
        }
        return bytes;
    }

    /** An array, set, map ({@code perEntry} 2: key and value) or push of {@code length} entries. */
    private Object array(ByteBuf in, int depth, int perEntry) {
        int end = lineEnd(in);
        if (end < 0) {
            return INCOMPLETE;
        }
        long length = readNumber(in, end) * perEntry;
        if (length == -perEntry) {
            return null;
        }
        if (length < 0 || length > maxArrayLength) {
            throw new TooLongFrameException("array of " + length + " elements outside 0.." + maxArrayLength);
        }
        if (depth >= MAX_DEPTH) {
            throw new TooLongFrameException("arrays nested deeper than " + MAX_DEPTH);
        }
        if (in.readableBytes() < length * MIN_ELEMENT_BYTES) {
            return INCOMPLETE;
        }
        List<Object> elements = new ArrayList<>((int) length);
        for (long i = 0; i < length; i++) {
            Object element = parse(in, depth + 1);
            if (element == INCOMPLETE) {
                return INCOMPLETE;
            }
            elements.add(element);
        }
        return elements;
    }

    /** Index of the CR of the line starting at the reader index, or -1 when the line has not fully arrived. */
    private static int lineEnd(ByteBuf in) {
        int start = in.readerIndex();
        int searched = Math.min(in.readableBytes(), MAX_LINE_BYTES + 2);
        int lf = in.forEachByte(start, searched, ByteProcessor.FIND_LF);
        if (lf < 0) {
            if (in.readableBytes() > MAX_LINE_BYTES + 1) {
                throw new TooLongFrameException("RESP line longer than " + MAX_LINE_BYTES + " bytes");
            }
            return -1;
        }
        if (lf == start || in.getByte(lf - 1) != '\r') {
            throw new CorruptedFrameException("RESP line not ended by CRLF");
        }
        return lf - 1;
    }

    private static String readLine(ByteBuf in, int cr) {
        String line = in.toString(in.readerIndex(), cr - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(cr + 2);
        return line;
    }

    private static long readNumber(ByteBuf in, int cr) {
        int i = in.readerIndex();
        boolean negative = i < cr && in.getByte(i) == '-';
        if (negative) {
            i++;
        }
        if (i == cr || cr - i > 19) {
            throw new CorruptedFrameException("RESP number of " + (cr - in.readerIndex()) + " characters");
        }
        long value = 0;
        for (; i < cr; i++) {
            int digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new CorruptedFrameException("RESP number with a non-digit 0x" + Integer.toHexString(digit + '0'));
            }
            value = value * 10 + digit;
            if (value < 0) {
                throw new CorruptedFrameException("RESP number overflows a long");
            }
        }
        in.readerIndex(cr + 2);
        return negative ? -value : value;
    }
}
