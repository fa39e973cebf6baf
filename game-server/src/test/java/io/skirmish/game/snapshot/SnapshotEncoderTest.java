package io.skirmish.game.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.protocol.game.v1.EntityDelta;
import io.skirmish.protocol.game.v1.Snapshot;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SnapshotEncoderTest {

    private final SnapshotEncoder encoder = new SnapshotEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);

    private Snapshot encode(SnapshotFrame current, SnapshotFrame baseline, long lastInput) throws Exception {
        int length = encoder.encode(buffer, 0, current, baseline, lastInput);
        byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return Snapshot.parseFrom(bytes);
    }

    private static SnapshotFrame frame(long tick, int entities, int moveBy) {
        SnapshotFrame frame = new SnapshotFrame(10);
        frame.clear(tick);
        for (int i = 0; i < entities; i++) {
            frame.add(i + 1, -2_000 + i * 100 + moveBy, 3_999 - i * 10, 40_000 + i, 100, 1);
        }
        return frame;
    }

    @Test
    void fullSnapshotCarriesEveryFieldAndParsesWithTheGeneratedClasses() throws Exception {
        Snapshot snapshot = encode(frame(42, 3, 0), null, 17);

        assertThat(snapshot.getTick()).isEqualTo(42);
        assertThat(snapshot.getBaselineTick()).isZero();
        assertThat(snapshot.getLastProcessedInputSequence()).isEqualTo(17);
        assertThat(snapshot.getEntitiesList()).hasSize(3);
        EntityDelta first = snapshot.getEntities(0);
        assertThat(first.getEntityId()).isEqualTo(1);
        assertThat(first.getXCm()).isEqualTo(-2_000);
        assertThat(first.getYCm()).isEqualTo(3_999);
        assertThat(first.getAim()).isEqualTo(40_000);
        assertThat(first.getHealth()).isEqualTo(100);
        assertThat(first.getFlags()).isEqualTo(1);
        assertThat(first.getRemoved()).isFalse();
    }

    @Test
    void deltaCarriesOnlyWhatChanged() throws Exception {
        SnapshotFrame baseline = frame(40, 3, 0);
        SnapshotFrame current = frame(42, 3, 0);
        current.xCm[1] += 5;
        current.health[2] = 75;

        Snapshot snapshot = encode(current, baseline, 0);

        assertThat(snapshot.getBaselineTick()).isEqualTo(40);
        assertThat(snapshot.getEntitiesList()).hasSize(2);
        EntityDelta moved = snapshot.getEntities(0);
        assertThat(moved.getEntityId()).isEqualTo(2);
        assertThat(moved.hasXCm()).isTrue();
        assertThat(moved.hasYCm()).isFalse();
        assertThat(moved.hasHealth()).isFalse();
        EntityDelta hurt = snapshot.getEntities(1);
        assertThat(hurt.getEntityId()).isEqualTo(3);
        assertThat(hurt.getHealth()).isEqualTo(75);
        assertThat(hurt.hasXCm()).isFalse();
    }

    @Test
    void entityThatLeftTheViewIsRemovedAndNewOneIsSentWhole() throws Exception {
        SnapshotFrame baseline = frame(40, 2, 0);
        SnapshotFrame current = new SnapshotFrame(10);
        current.clear(41);
        current.add(1, -2_000, 3_999, 40_000, 100, 1);
        current.add(7, 10, 20, 30, 100, 1);

        Snapshot snapshot = encode(current, baseline, 0);

        assertThat(snapshot.getEntitiesList()).extracting(EntityDelta::getEntityId, EntityDelta::getRemoved)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7, false),
                        org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(snapshot.getEntities(0).hasXCm()).isTrue();
    }

    @Test
    void unchangedWorldGivesATinyDelta() throws Exception {
        int full = encoder.encode(buffer, 0, frame(41, 10, 0), null, 999);
        int delta = encoder.encode(buffer, 0, frame(41, 10, 0), frame(40, 10, 0), 999);

        assertThat(full).isLessThan(300);
        assertThat(delta).isLessThan(12);
    }

    @Test
    void tenMovingPlayersStayFarBelowTheDatagramLimit() throws Exception {
        Snapshot snapshot = encode(frame(1_000_000, 10, 37), frame(999_998, 10, 0), 4_000_000);

        assertThat(snapshot.getSerializedSize()).isLessThan(300);
        assertThat(snapshot.getEntitiesList()).hasSize(10);
    }
}
