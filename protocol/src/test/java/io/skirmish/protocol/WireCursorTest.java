package io.skirmish.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Varints, tags, skips and every way bytes can be bad, against hand-written wire format. */
class WireCursorTest {

    private static ByteBuf bytes(int... values) {
        ByteBuf buf = Unpooled.buffer(values.length);
        for (int v : values) {
            buf.writeByte(v);
        }
        return buf;
    }

    @Test
    void readsVarintsOfOneToTenBytes() {
        ByteBuf buf = bytes(0x01, 0xAC, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        WireCursor cursor = new WireCursor().wrap(buf, 0);

        assertThat(cursor.readVarint(buf.writerIndex())).isEqualTo(1);
        assertThat(cursor.readVarint(buf.writerIndex())).isEqualTo(300);
        assertThat(cursor.readVarint(buf.writerIndex())).isEqualTo(-1L);
        assertThat(cursor.malformed()).isFalse();
        assertThat(cursor.position()).isEqualTo(buf.writerIndex());
    }

    @Test
    void splitsATagIntoFieldAndWireType() {
        long tag = (7 << 3) | WireCursor.WIRE_LENGTH_DELIMITED;
        assertThat(WireCursor.fieldNumber(tag)).isEqualTo(7);
        assertThat(WireCursor.wireType(tag)).isEqualTo(WireCursor.WIRE_LENGTH_DELIMITED);
    }

    @Test
    void skipsEveryWireTypeProtobufStillUses() {
        // varint 150, fixed64, length-delimited "ab", fixed32, then a varint 5 to land on.
        ByteBuf buf = bytes(0x96, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 2, 'a', 'b', 1, 2, 3, 4, 5);
        WireCursor cursor = new WireCursor().wrap(buf, 0);
        int end = buf.writerIndex();

        cursor.skip(WireCursor.WIRE_VARINT, end);
        cursor.skip(WireCursor.WIRE_FIXED64, end);
        cursor.skip(WireCursor.WIRE_LENGTH_DELIMITED, end);
        cursor.skip(WireCursor.WIRE_FIXED32, end);

        assertThat(cursor.readVarint(end)).isEqualTo(5);
        assertThat(cursor.malformed()).isFalse();
    }

    @Test
    void aTruncatedVarintIsMalformed() {
        ByteBuf buf = bytes(0x80, 0x80);
        WireCursor cursor = new WireCursor().wrap(buf, 0);

        assertThat(cursor.readVarint(buf.writerIndex())).isZero();
        assertThat(cursor.malformed()).isTrue();
    }

    @Test
    void aVarintLongerThanTenBytesIsMalformed() {
        ByteBuf buf = bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
        WireCursor cursor = new WireCursor().wrap(buf, 0);

        cursor.readVarint(buf.writerIndex());

        assertThat(cursor.malformed()).isTrue();
    }

    @Test
    void aLengthPastTheEndIsMalformedAndReadsNothing() {
        ByteBuf buf = bytes(5, 'a', 'b');
        WireCursor cursor = new WireCursor().wrap(buf, 0);

        assertThat(cursor.readLengthDelimitedEnd(buf.writerIndex())).isEqualTo(-1);
        assertThat(cursor.malformed()).isTrue();
    }

    @Test
    void groupsAndUnknownWireTypesAreMalformed() {
        ByteBuf buf = bytes(0, 0);
        for (int wireType : new int[] {3, 4, 6, 7}) {
            WireCursor cursor = new WireCursor().wrap(buf, 0);
            cursor.skip(wireType, buf.writerIndex());
            assertThat(cursor.malformed()).as("wire type %d", wireType).isTrue();
        }
    }

    @Test
    void aFixedFieldCutShortIsMalformed() {
        ByteBuf buf = bytes(1, 2, 3);
        WireCursor cursor = new WireCursor().wrap(buf, 0);

        cursor.skip(WireCursor.WIRE_FIXED32, buf.writerIndex());

        assertThat(cursor.malformed()).isTrue();
        assertThat(cursor.position()).isZero();
    }
}
