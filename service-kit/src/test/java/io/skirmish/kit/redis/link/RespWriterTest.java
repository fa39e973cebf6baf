package io.skirmish.kit.redis.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RespWriterTest {

    private static String written(java.util.function.Consumer<ByteBuf> write) {
        ByteBuf out = Unpooled.buffer(4);
        write.accept(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesAnArrayOfBulkStrings() {
        assertThat(written(out -> {
            RespWriter.array(out, 3);
            RespWriter.bulk(out, "ZREVRANGE");
            RespWriter.bulk(out, "");
            RespWriter.bulk(out, 10);
        })).isEqualTo("*3\r\n$9\r\nZREVRANGE\r\n$0\r\n\r\n$2\r\n10\r\n");
    }

    @Test
    void countsUtf8BytesNotCharacters() {
        assertThat(written(out -> RespWriter.bulk(out, "jérôme"))).isEqualTo("$8\r\njérôme\r\n");
        assertThat(written(out -> RespWriter.bulk(out, "🎮"))).isEqualTo("$4\r\n🎮\r\n");
    }

    @Test
    void writesEveryLongExactly() {
        for (long value : new long[] {0, 7, 9, 10, 99, 100, -1, -10, 123_456_789_012L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            String text = Long.toString(value);
            assertThat(written(out -> RespWriter.bulk(out, value))).as("%d", value)
                    .isEqualTo("$" + text.length() + "\r\n" + text + "\r\n");
        }
        assertThat(written(out -> RespWriter.array(out, 1_000))).isEqualTo("*1000\r\n");
    }
}
