package io.skirmish.protocol.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.Samples;
import io.skirmish.protocol.Samples.ManualClock;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.tcp.FrameEncoder;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.SessionTokens;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketSealer;
import io.skirmish.protocol.udp.PacketType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Writes the seed inputs of the fuzz tests into {@code src/test/resources}: valid messages,
 * packets and tokens, from which the fuzzer mutates. Run from the {@code protocol} folder after
 * a schema or layout change (see the module README for the command).
 */
public final class FuzzSeedWriter {
    private static final Path ROOT = Path.of("src/test/resources/io/skirmish/protocol/fuzz");

    private FuzzSeedWriter() {
    }

    public static void main(String[] args) throws IOException {
        writeEnvelope("match-join-queue", 0, Samples.joinQueue().toByteArray());
        writeEnvelope("match-error", 1, io.skirmish.protocol.match.v1.ServerMessage.newBuilder().setVersion(1)
                .setRequestId(7).setError(io.skirmish.protocol.common.v1.Error.newBuilder()
                        .setCode(io.skirmish.protocol.common.v1.ErrorCode.ERROR_CODE_RATE_LIMITED).setRetryAfterMs(500))
                .build().toByteArray());
        writeEnvelope("game-ping", 2, Samples.gamePing().toByteArray());
        writeEnvelope("game-welcome", 3, io.skirmish.protocol.game.v1.ServerMessage.newBuilder().setVersion(1)
                .setRequestId(1).setWelcome(io.skirmish.protocol.game.v1.Welcome.newBuilder().setConnectionId(99)
                        .setTickRateHz(30).setServerPublicKey(com.google.protobuf.ByteString.copyFrom(new byte[32])))
                .build().toByteArray());
        writeEnvelope("ranking-top", 4, io.skirmish.protocol.ranking.v1.ClientMessage.newBuilder().setVersion(1)
                .setRequestId(4).setTop(io.skirmish.protocol.ranking.v1.Top.newBuilder().setCount(10)
                        .setBoard(io.skirmish.protocol.ranking.v1.BoardRef.newBuilder().setBoard("duel")))
                .build().toByteArray());
        writeEnvelope("ranking-page", 5 | 0x80, io.skirmish.protocol.ranking.v1.ServerMessage.newBuilder().setVersion(1)
                .setRequestId(4).setPage(io.skirmish.protocol.ranking.v1.LeaderboardPage.newBuilder()
                        .addEntries(io.skirmish.protocol.ranking.v1.Entry.newBuilder().setRank(1).setPlayerId("p")
                                .setScore(12.5)))
                .build().toByteArray());

        ByteBuf frames = Unpooled.buffer();
        new FrameEncoder().encode(Samples.joinQueue(), frames);
        new FrameEncoder().encode(Samples.gamePing(), frames);
        write("FrameDecoderFuzzTest", "emitsOnlyBoundedFramesAndBuffersAtMostOneFrame", "two-frames", ByteBufUtil.getBytes(frames));

        PacketSealer sealer = new PacketSealer(FuzzSupport.udpKey(), FuzzSupport.CONNECTION_ID, Direction.CLIENT_TO_SERVER);
        ByteBuf input = Unpooled.buffer();
        sealer.seal(PacketType.INPUT, 3, 0b101, Samples.inputBatch(12), input);
        write("PacketOpenerFuzzTest", "opensOnlyAuthenticFreshPacketsAndNeverThrows", "input", ByteBufUtil.getBytes(input));
        ByteBuf keepalive = Unpooled.buffer();
        sealer.seal(PacketType.KEEPALIVE, 3, 0, keepalive);
        write("PacketOpenerFuzzTest", "opensOnlyAuthenticFreshPacketsAndNeverThrows", "keepalive", ByteBufUtil.getBytes(keepalive));

        write("UdpPayloadFuzzTest", "parsesOrThrowsProtocolException", "input-batch", Samples.inputBatch(12).toByteArray());
        write("UdpPayloadFuzzTest", "parsesOrThrowsProtocolException", "snapshot", Samples.snapshot(10, true).toByteArray());

        ManualClock clock = new ManualClock(FuzzSupport.NOW_MS);
        TokenKeyRing keys = TokenKeyRing.of(1, FuzzSupport.tokenSecret());
        byte[] connect = new ConnectTokenIssuer(keys, clock, Duration.ofHours(1), new SecureRandom())
                .issue("player-1", "match-1", FuzzSupport.SERVER_ID, 1, GameMode.GAME_MODE_DUEL).bytes();
        write("TokenVerifierFuzzTest", "verifiesOrThrowsProtocolException", "connect", connect);
        byte[] session = new SessionTokens(keys, clock, Duration.ofHours(1), new SecureRandom()).issue("player-1").bytes();
        write("TokenVerifierFuzzTest", "verifiesOrThrowsProtocolException", "session", session);
    }

    /** An envelope seed: the selector byte of {@link EnvelopeFuzzTest}, then the frame. */
    private static void writeEnvelope(String name, int selector, byte[] frame) throws IOException {
        byte[] input = new byte[frame.length + 1];
        input[0] = (byte) selector;
        System.arraycopy(frame, 0, input, 1, frame.length);
        write("EnvelopeFuzzTest", "decodesOrThrowsProtocolException", name, input);
    }

    private static void write(String testClass, String method, String name, byte[] bytes) throws IOException {
        Path dir = ROOT.resolve(testClass + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
