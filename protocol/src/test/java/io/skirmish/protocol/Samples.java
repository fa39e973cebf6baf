package io.skirmish.protocol;

import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.game.v1.EntityDelta;
import io.skirmish.protocol.game.v1.Input;
import io.skirmish.protocol.game.v1.InputBatch;
import io.skirmish.protocol.game.v1.Snapshot;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.JoinQueue;
import io.skirmish.protocol.match.v1.RegionRtt;

import java.time.Instant;
import java.time.InstantSource;

/** Realistic messages and a settable clock, shared by tests and fuzz seeds. */
public final class Samples {
    private Samples() {
    }

    /** A JoinQueue request with a party and region round-trip times. */
    public static ClientMessage joinQueue() {
        return ClientMessage.newBuilder()
                .setVersion(ProtocolVersion.CURRENT)
                .setRequestId(7)
                .setJoinQueue(JoinQueue.newBuilder()
                        .setSessionToken(com.google.protobuf.ByteString.copyFrom(new byte[120]))
                        .setMode(GameMode.GAME_MODE_SQUAD)
                        .setRegion("eu-west")
                        .addRegionRtts(RegionRtt.newBuilder().setRegion("eu-west").setRttMs(23))
                        .addRegionRtts(RegionRtt.newBuilder().setRegion("us-east").setRttMs(95))
                        .addPartyPlayerIds("p-2")
                        .addPartyPlayerIds("p-3"))
                .build();
    }

    /** A game-server Ping. */
    public static io.skirmish.protocol.game.v1.ClientMessage gamePing() {
        return io.skirmish.protocol.game.v1.ClientMessage.newBuilder()
                .setVersion(ProtocolVersion.CURRENT)
                .setRequestId(1)
                .setPing(Ping.newBuilder().setClientTimeMs(1_700_000_000_000L))
                .build();
    }

    /** The newest input and two redundant older ones. */
    public static InputBatch inputBatch(int newestSequence) {
        InputBatch.Builder batch = InputBatch.newBuilder();
        for (int i = 0; i < 3; i++) {
            int sequence = newestSequence - i;
            batch.addInputs(Input.newBuilder()
                    .setSequence(sequence)
                    .setClientTick(10_000 + sequence)
                    .setMoveX(127)
                    .setMoveY(-90)
                    .setAim(40_000 + sequence)
                    .setButtons(sequence % 2)
                    .setLastReceivedSnapshotTick(9_990 + sequence));
        }
        return batch.build();
    }

    /** A snapshot of {@code players} visible players; {@code full} sets every field, otherwise a typical delta. */
    public static Snapshot snapshot(int players, boolean full) {
        Snapshot.Builder snapshot = Snapshot.newBuilder()
                .setTick(123_456)
                .setBaselineTick(full ? 0 : 123_450)
                .setLastProcessedInputSequence(98_765);
        for (int i = 0; i < players; i++) {
            EntityDelta.Builder entity = EntityDelta.newBuilder()
                    .setEntityId(i + 1)
                    .setXCm(-250_000 + 37_123 * i)
                    .setYCm(180_000 - 29_311 * i)
                    .setAim(i * 6_553);
            if (full) {
                entity.setHealth(100 - i).setFlags(1 | (i % 2) << 1);
            }
            snapshot.addEntities(entity);
        }
        return snapshot.build();
    }

    /** A clock tests move by hand. */
    public static final class ManualClock implements InstantSource {
        private long nowMs;

        public ManualClock(long nowMs) {
            this.nowMs = nowMs;
        }

        public void advanceMs(long ms) {
            nowMs += ms;
        }

        @Override
        public long millis() {
            return nowMs;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMs);
        }
    }
}
