package io.skirmish.game.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.game.v1.Input;
import io.skirmish.protocol.game.v1.InputBatch;
import org.junit.jupiter.api.Test;

class InputBatchReaderTest {

    private final InputBatchReader reader = new InputBatchReader();

    private static Input input(int sequence) {
        return Input.newBuilder().setSequence(sequence).setClientTick(sequence + 100).setMoveX(-127).setMoveY(64)
                .setAim(65535).setButtons(1).setLastReceivedSnapshotTick(sequence + 7).build();
    }

    @Test
    void readsWhatTheGeneratedClassesWrite() {
        ByteBuf payload = Unpooled.wrappedBuffer(InputBatch.newBuilder()
                .addInputs(input(12)).addInputs(input(11)).addInputs(input(10)).build().toByteArray());

        reader.wrap(payload);

        for (int expected = 12; expected >= 10; expected--) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.sequence).isEqualTo(expected);
            assertThat(reader.clientTick).isEqualTo(expected + 100);
            assertThat(reader.moveX).isEqualTo(-127);
            assertThat(reader.moveY).isEqualTo(64);
            assertThat(reader.aim).isEqualTo(65535);
            assertThat(reader.fire()).isTrue();
            assertThat(reader.lastReceivedSnapshotTick).isEqualTo(expected + 7);
        }
        assertThat(reader.next()).isFalse();
        assertThat(reader.malformed()).isFalse();
        assertThat(payload.readerIndex()).isZero();
    }

    @Test
    void defaultsAbsentFieldsToZero() {
        reader.wrap(Unpooled.wrappedBuffer(InputBatch.newBuilder()
                .addInputs(Input.newBuilder().setSequence(3)).build().toByteArray()));

        assertThat(reader.next()).isTrue();
        assertThat(reader.moveX).isZero();
        assertThat(reader.fire()).isFalse();
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() {
        byte[] known = InputBatch.newBuilder().addInputs(input(5)).build().toByteArray();
        ByteBuf payload = Unpooled.buffer();
        payload.writeBytes(new byte[] {(byte) 0x10, 0x05});           // field 2 varint
        payload.writeBytes(new byte[] {(byte) 0x19, 1, 2, 3, 4, 5, 6, 7, 8}); // field 3 fixed64
        payload.writeBytes(new byte[] {(byte) 0x22, 2, 9, 9});       // field 4 bytes
        payload.writeBytes(new byte[] {(byte) 0x2D, 1, 2, 3, 4});    // field 5 fixed32
        payload.writeBytes(known);

        reader.wrap(payload);

        assertThat(reader.next()).isTrue();
        assertThat(reader.sequence).isEqualTo(5);
        assertThat(reader.next()).isFalse();
        assertThat(reader.malformed()).isFalse();
    }

    @Test
    void truncatedPayloadIsMalformedAtEveryCut() {
        byte[] whole = InputBatch.newBuilder().addInputs(input(300)).addInputs(input(299)).build().toByteArray();
        int firstInputEnds = InputBatch.newBuilder().addInputs(input(300)).build().getSerializedSize();
        for (int cut = 1; cut < whole.length; cut++) {
            if (cut == firstInputEnds) {
                continue; // a whole first input and nothing else is a valid batch of one
            }
            ByteBuf payload = Unpooled.wrappedBuffer(whole, 0, cut);
            reader.wrap(payload);
            int read = 0;
            while (reader.next()) {
                read++;
            }
            assertThat(read).as("inputs read at cut %d", cut).isLessThan(2);
            assertThat(reader.malformed()).as("malformed at cut %d", cut).isTrue();
        }
    }

    @Test
    void overlongVarintAndBadWireTypeAreMalformed() {
        reader.wrap(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}));
        assertThat(reader.next()).isFalse();
        assertThat(reader.malformed()).isTrue();

        reader.wrap(Unpooled.wrappedBuffer(new byte[] {(byte) 0x0F}));
        assertThat(reader.next()).isFalse();
        assertThat(reader.malformed()).isTrue();
    }

    @Test
    void lengthBeyondThePayloadIsMalformed() {
        reader.wrap(Unpooled.wrappedBuffer(new byte[] {0x0A, 0x7F, 0x08, 0x01}));

        assertThat(reader.next()).isFalse();
        assertThat(reader.malformed()).isTrue();
    }

    @Test
    void stopsAfterTheMaximumNumberOfInputs() {
        InputBatch.Builder batch = InputBatch.newBuilder();
        for (int i = 0; i < InputBatchReader.MAX_INPUTS + 5; i++) {
            batch.addInputs(input(100 - i));
        }
        reader.wrap(Unpooled.wrappedBuffer(batch.build().toByteArray()));

        int read = 0;
        while (reader.next()) {
            read++;
        }

        assertThat(read).isEqualTo(InputBatchReader.MAX_INPUTS);
        assertThat(reader.overflow()).isTrue();
    }
}
