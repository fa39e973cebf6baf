package io.skirmish.kit.redis.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes commands in RESP, the Redis wire format: an array header, then one bulk string per
 * argument, straight into a Netty buffer (no intermediate strings or byte arrays).
 *
 * <pre>
 * *3\r\n  $7\r\nEVALSHA\r\n  $40\r\n&lt;sha&gt;\r\n  $1\r\n2\r\n ...
 * </pre>
 */
public final class RespWriter {

    private static final int CR_LF = ('\r' << 8) | '\n';

    private RespWriter() {
    }

    /** {@code *<count>\r\n}: the number of arguments that follow, the command name included. */
    public static void array(ByteBuf out, int count) {
        out.writeByte('*');
        decimal(out, count);
        out.writeShort(CR_LF);
    }

    /** One argument, UTF-8. */
    public static void bulk(ByteBuf out, CharSequence text) {
        out.writeByte('$');
        decimal(out, ByteBufUtil.utf8Bytes(text));
        out.writeShort(CR_LF);
        ByteBufUtil.writeUtf8(out, text);
        out.writeShort(CR_LF);
    }

    /** One argument, a decimal integer. */
    public static void bulk(ByteBuf out, long value) {
        out.writeByte('$');
        decimal(out, digits(value));
        out.writeShort(CR_LF);
        decimal(out, value);
        out.writeShort(CR_LF);
    }

    private static void decimal(ByteBuf out, long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ByteBufUtil.writeAscii(out, Long.toString(value));
                return;
            }
            out.writeByte('-');
            value = -value;
        }
        int digits = digits(value);
        int end = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (int i = end - 1; i >= end - digits; i--) {
            out.setByte(i, '0' + (int) (value % 10));
            value /= 10;
        }
        out.writerIndex(end);
    }

    /** Characters of the decimal form, the sign included. */
    private static int digits(long value) {
        if (value == Long.MIN_VALUE) {
            return 20;
        }
        int sign = value < 0 ? 1 : 0;
        long magnitude = Math.abs(value);
        int digits = 1;
        while (magnitude >= 10) {
            magnitude /= 10;
            digits++;
        }
        return sign + digits;
    }
}
