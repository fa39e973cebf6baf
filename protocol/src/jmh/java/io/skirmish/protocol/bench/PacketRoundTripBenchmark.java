package io.skirmish.protocol.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.game.v1.EntityDelta;
import io.skirmish.protocol.game.v1.Input;
import io.skirmish.protocol.game.v1.InputBatch;
import io.skirmish.protocol.game.v1.Snapshot;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketSealer;
import io.skirmish.protocol.udp.PacketStatus;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;
import io.skirmish.protocol.udp.UdpPayloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.concurrent.TimeUnit;

/**
 * The per-packet cost of the UDP path, end to end on one thread: build the protobuf payload,
 * serialize and seal it (AES-256-GCM), then open (replay check, tag check, decrypt) and parse it.
 * That is what a client spends per input and the server per snapshot and player (plus the
 * mirror image on the other side). Run with {@code -prof gc} for bytes allocated per operation.
 * {@code aeadOnly200Bytes} isolates the AES-GCM part ({@link AesGcmBenchmark} compares the
 * engine with the JDK's cipher).
 *
 * <p>Command (from the repository root):
 * {@code mvn -q -pl protocol -am -Pjmh package -DskipTests && java -jar protocol/target/benchmarks.jar -prof gc -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketRoundTripBenchmark {
    private static final long CONNECTION_ID = 0x0123_4567_89AB_CDEFL;
    private static final int PLAYERS = 10;

    private final ByteBuf packet = Unpooled.buffer(UdpLimits.MAX_PACKET_BYTES);
    private final ByteBuf payload = Unpooled.buffer(UdpLimits.MAX_PACKET_BYTES);
    private final ByteBuf fixedPayload = Unpooled.buffer(200).writeZero(200);
    private PacketSealer clientSealer;
    private PacketOpener serverOpener;
    private PacketSealer serverSealer;
    private PacketOpener clientOpener;
    private int tick;

    @Setup(Level.Trial)
    public void setUp() {
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        clientSealer = new PacketSealer(key, CONNECTION_ID, Direction.CLIENT_TO_SERVER);
        serverOpener = new PacketOpener(key, CONNECTION_ID, Direction.CLIENT_TO_SERVER);
        serverSealer = new PacketSealer(key, CONNECTION_ID, Direction.SERVER_TO_CLIENT);
        clientOpener = new PacketOpener(key, CONNECTION_ID, Direction.SERVER_TO_CLIENT);
    }

    /** Crypto only: seal and open a pre-serialized 200-byte payload (the size of a full 10-player snapshot). */
    @Benchmark
    public ByteBuf aeadOnly200Bytes() {
        packet.clear();
        serverSealer.seal(PacketType.SNAPSHOT, 0, -1, fixedPayload, packet);
        payload.clear();
        check(clientOpener.open(packet, payload));
        return payload;
    }

    /** InputBatch with the newest input and 2 redundant ones, client to server. */
    @Benchmark
    public InputBatch inputBatch3() {
        int sequence = ++tick;
        InputBatch.Builder batch = InputBatch.newBuilder();
        for (int i = 0; i < 3; i++) {
            batch.addInputs(Input.newBuilder().setSequence(sequence - i).setClientTick(50_000 + sequence - i)
                    .setMoveX(127).setMoveY(-64).setAim(40_000 + i).setButtons(1)
                    .setLastReceivedSnapshotTick(49_990 + sequence));
        }
        packet.clear();
        clientSealer.seal(PacketType.INPUT, sequence, -1, batch.build(), packet);
        payload.clear();
        check(serverOpener.open(packet, payload));
        return UdpPayloads.parseInputBatch(payload);
    }

    /** Full snapshot (no baseline) of 10 visible players, server to client. */
    @Benchmark
    public Snapshot snapshotFull10() {
        return snapshot(true);
    }

    /** Delta snapshot of 10 players where positions and aim changed, server to client. */
    @Benchmark
    public Snapshot snapshotDelta10() {
        return snapshot(false);
    }

    private Snapshot snapshot(boolean full) {
        int now = ++tick;
        Snapshot.Builder snapshot = Snapshot.newBuilder().setTick(now).setBaselineTick(full ? 0 : now - 3)
                .setLastProcessedInputSequence(now - 2);
        for (int i = 0; i < PLAYERS; i++) {
            EntityDelta.Builder entity = EntityDelta.newBuilder().setEntityId(i + 1)
                    .setXCm(-250_000 + 37_123 * i + now % 100).setYCm(180_000 - 29_311 * i).setAim((i * 6_553 + now) & 0xFFFF);
            if (full) {
                entity.setHealth(100 - i).setFlags(1);
            }
            snapshot.addEntities(entity);
        }
        packet.clear();
        serverSealer.seal(PacketType.SNAPSHOT, now, -1, snapshot.build(), packet);
        payload.clear();
        check(clientOpener.open(packet, payload));
        return UdpPayloads.parseSnapshot(payload);
    }

    private static void check(PacketStatus status) {
        if (status != PacketStatus.OK) {
            throw new IllegalStateException("benchmark packet rejected: " + status);
        }
    }
}
