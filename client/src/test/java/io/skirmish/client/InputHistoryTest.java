package io.skirmish.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.game.v1.Input;
import io.skirmish.protocol.game.v1.InputBatch;
import org.junit.jupiter.api.Test;

class InputHistoryTest {

    @Test
    void writesTheSameBytesAsTheGeneratedBuilderNewestFirst() throws Exception {
        InputHistory history = new InputHistory(3);
        history.add(1, 1, 127, -127, 0, 0, 0);
        history.add(2, 2, 0, 5, 65_535, 1, 17);
        history.add(3, 3, -1, 0, 300, 0, 4_000_000_000L);
        history.add(4, 4, 64, -64, 12_345, 1, 18);

        ByteBuf out = Unpooled.buffer();
        int written = history.writeBatch(out);

        InputBatch expected = InputBatch.newBuilder()
                .addInputs(input(4, 64, -64, 12_345, 1, 18))
                .addInputs(input(3, -1, 0, 300, 0, 4_000_000_000L))
                .addInputs(input(2, 0, 5, 65_535, 1, 17))
                .build();
        assertThat(written).isEqualTo(out.readableBytes());
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(expected.toByteArray());
        assertThat(InputBatch.parseFrom(ByteBufUtil.getBytes(out))).isEqualTo(expected);
    }

    @Test
    void writesOnlyWhatItHasBeforeItIsFull() throws Exception {
        InputHistory history = new InputHistory(3);
        history.add(1, 1, 10, 0, 0, 0, 0);
        ByteBuf out = Unpooled.buffer();
        history.writeBatch(out);
        assertThat(InputBatch.parseFrom(ByteBufUtil.getBytes(out)).getInputsList())
                .containsExactly(input(1, 10, 0, 0, 0, 0));
        assertThat(history.size()).isEqualTo(1);
    }

    @Test
    void refusesACapacityTheServerWouldReject() {
        assertThatThrownBy(() -> new InputHistory(17)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputHistory(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Input input(long sequence, int moveX, int moveY, int aim, int buttons, long snapshotTick) {
        return Input.newBuilder().setSequence((int) sequence).setClientTick((int) sequence).setMoveX(moveX)
                .setMoveY(moveY).setAim(aim).setButtons(buttons).setLastReceivedSnapshotTick((int) snapshotTick)
                .build();
    }
}
