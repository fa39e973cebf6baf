package io.skirmish.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.netty.buffer.Unpooled;
import io.skirmish.protocol.game.v1.EntityDelta;
import io.skirmish.protocol.game.v1.Snapshot;
import org.junit.jupiter.api.Test;

class SnapshotHeaderTest {

    private final SnapshotHeader header = new SnapshotHeader();

    private static Snapshot snapshot() {
        return Snapshot.newBuilder().setTick((int) 4_000_000_000L).setBaselineTick(41)
                .addEntities(EntityDelta.newBuilder().setEntityId(1).setXCm(-150).setYCm(2_000).setHealth(100))
                .addEntities(EntityDelta.newBuilder().setEntityId(2).setRemoved(true))
                .setLastProcessedInputSequence(77)
                .build();
    }

    @Test
    void readsTickBaselineLastInputAndCountsEntities() {
        assertThat(header.read(Unpooled.wrappedBuffer(snapshot().toByteArray()))).isTrue();
        assertThat(header.tick).isEqualTo(4_000_000_000L);
        assertThat(header.baselineTick).isEqualTo(41);
        assertThat(header.lastProcessedInputSequence).isEqualTo(77);
        assertThat(header.entities).isEqualTo(2);
    }

    @Test
    void readsAnEmptySnapshotAsZeros() {
        assertThat(header.read(Unpooled.buffer())).isTrue();
        assertThat(header.tick).isZero();
        assertThat(header.entities).isZero();
    }

    @Test
    void refusesEveryTruncation() {
        byte[] bytes = snapshot().toByteArray();
        for (int length = 1; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            boolean ok = header.read(Unpooled.wrappedBuffer(cut));
            if (ok) {
                // A cut that falls exactly between two fields is a valid, shorter snapshot.
                assertThat(Snapshot.newBuilder()).satisfies(b -> {
                    try {
                        Snapshot.parseFrom(cut);
                    } catch (Exception e) {
                        throw new AssertionError("reader accepted what protobuf refuses at length " + cut.length);
                    }
                });
            }
        }
    }

    @Test
    void refusesAnOverlongVarintAndAnUnknownWireType() {
        byte[] overlong = new byte[12];
        overlong[0] = 0x08;
        Arrays.fill(overlong, 1, 12, (byte) 0xFF);
        assertThat(header.read(Unpooled.wrappedBuffer(overlong))).isFalse();
        assertThat(header.read(Unpooled.wrappedBuffer(new byte[] {0x0F, 0x01}))).isFalse();
    }
}
