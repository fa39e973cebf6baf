package io.skirmish.kit.redis.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

class RespDecoderTest {

    private static final String WIRE = "+OK\r\n-NOSCRIPT No matching script\r\n:42\r\n:-7\r\n$5\r\nhello\r\n$0\r\n\r\n$-1\r\n"
            + "*-1\r\n*0\r\n*4\r\n:1000000\r\n:3\r\n*2\r\n$2\r\np1\r\n$-1\r\n*0\r\n";

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new RespDecoder(1_024, 16));
    }

    private static List<Object> drain(EmbeddedChannel channel) {
        List<Object> values = new ArrayList<>();
        for (Object value; (value = channel.readInbound()) != null; ) {
            values.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
        }
        return values;
    }

    private static List<Object> strings(List<?> list) {
        List<Object> out = new ArrayList<>();
        for (Object value : list) {
            out.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : value instanceof List<?> nested ? strings(nested) : value);
        }
        return out;
    }

    private static void assertDecodesTheSample(List<Object> values) {
        assertThat(values).hasSize(10);
        assertThat(values.subList(0, 9)).containsExactly("OK", new RespError("NOSCRIPT No matching script"), 42L, -7L,
                "hello", "", RespDecoder.NIL, RespDecoder.NIL, List.of());
        assertThat(strings((List<?>) values.get(9))).containsExactly(1_000_000L, 3L, Arrays.asList("p1", null), List.of());
    }

    @Test
    void decodesTheResp3TypesOfATrackingConnection() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer("%2\r\n+server\r\n+redis\r\n+proto\r\n:3\r\n_\r\n#t\r\n#f\r\n"
                + ",1.5\r\n,-inf\r\n~1\r\n+x\r\n"
                + ">2\r\n$10\r\ninvalidate\r\n*2\r\n$2\r\nk1\r\n$2\r\nk2\r\n>2\r\n$10\r\ninvalidate\r\n_\r\n",
                StandardCharsets.UTF_8));
        List<Object> values = drain(channel);
        assertThat(values).hasSize(9);
        assertThat(values.subList(0, 7)).containsExactly(List.of("server", "redis", "proto", 3L), RespDecoder.NIL, true,
                false, 1.5, Double.NEGATIVE_INFINITY, List.of("x"));
        RespPush keys = (RespPush) values.get(7);
        assertThat(keys.kind()).isEqualTo("invalidate");
        assertThat(strings(keys.elements())).containsExactly("invalidate", List.of("k1", "k2"));
        RespPush flush = (RespPush) values.get(8);
        assertThat(flush.elements().get(1)).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void waitsForTheRestOfAPushSplitAcrossReads() {
        EmbeddedChannel channel = channel();
        byte[] wire = ">2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\nk1\r\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Object> values = drain(channel);
        assertThat(values).hasSize(1);
        assertThat(strings(((RespPush) values.get(0)).elements())).containsExactly("invalidate", List.of("k1"));
    }

    @Test
    void boundsAMapByItsKeysAndValues() {
        EmbeddedChannel channel = channel(); // at most 16 elements
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("%9\r\n", StandardCharsets.UTF_8)))
                .isInstanceOf(TooLongFrameException.class).hasMessageContaining("18 elements");
    }

    @Test
    void decodesEveryReplyType() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer(WIRE, StandardCharsets.UTF_8));
        assertDecodesTheSample(drain(channel));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decodesRepliesSplitAtEveryBytePosition() {
        byte[] wire = WIRE.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= wire.length; split++) {
            EmbeddedChannel channel = channel();
            channel.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
            assertDecodesTheSample(drain(channel));
        }
    }

    @Test
    void decodesRepliesFedOneByteAtATime() {
        EmbeddedChannel channel = channel();
        for (byte b : WIRE.getBytes(StandardCharsets.UTF_8)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertDecodesTheSample(drain(channel));
    }

    @Test
    void bulkStringsKeepTheirBytes() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'$', '3', '\r', '\n', 0, '\r', (byte) 0xff, '\r', '\n'}));
        assertThat((byte[]) channel.readInbound()).containsExactly(0, '\r', 0xff);
    }

    @Test
    void refusesLengthsAboveTheLimits() {
        assertRefused("$1025\r\n", TooLongFrameException.class, "bulk string of 1025 bytes");
        assertRefused("*17\r\n", TooLongFrameException.class, "array of 17 elements");
        assertRefused("*1\r\n".repeat(RespDecoder.MAX_DEPTH + 1), TooLongFrameException.class, "nested deeper");
        assertRefused("+" + "x".repeat(RespDecoder.MAX_LINE_BYTES + 2), TooLongFrameException.class, "longer than");
    }

    @Test
    void refusesMalformedReplies() {
        assertRefused("?\r\n", CorruptedFrameException.class, "type byte 0x3f");
        assertRefused(":12a\r\n", CorruptedFrameException.class, "non-digit");
        assertRefused(":\r\n", CorruptedFrameException.class, "number of 0 characters");
        assertRefused(":99999999999999999999\r\n", CorruptedFrameException.class, "number of 20 characters");
        assertRefused(":9999999999999999999\r\n", CorruptedFrameException.class, "overflows");
        assertRefused("+OK\n", CorruptedFrameException.class, "CRLF");
        assertRefused("$2\r\nabXY", CorruptedFrameException.class, "not followed by CRLF");
        assertRefused("$-2\r\n", TooLongFrameException.class, "outside 0..");
    }

    @Test
    void randomBytesGiveValuesOrAClearRefusalNeverAnythingElse() {
        Random random = new Random(5);
        byte[] alphabet = "+-:$*\r\n0123456789-abc".getBytes(StandardCharsets.US_ASCII);
        for (int run = 0; run < 20_000; run++) {
            byte[] garbage = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            EmbeddedChannel channel = channel();
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(garbage));
            } catch (DecoderException e) {
                assertThat(e).isInstanceOfAny(CorruptedFrameException.class, TooLongFrameException.class);
            }
            drain(channel);
            channel.finishAndReleaseAll();
        }
    }

    private static void assertRefused(String wire, Class<? extends Throwable> type, String message) {
        EmbeddedChannel channel = channel();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8)))
                .isInstanceOf(type).hasMessageContaining(message);
    }
}
