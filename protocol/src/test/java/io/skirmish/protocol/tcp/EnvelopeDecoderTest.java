package io.skirmish.protocol.tcp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.Samples;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.common.v1.Pong;
import io.skirmish.protocol.game.v1.Connect;
import io.skirmish.protocol.game.v1.MatchEnd;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.protocol.game.v1.Welcome;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.Rating;
import io.skirmish.protocol.ranking.v1.Top;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeDecoderTest {
    private final EnvelopeDecoder<ClientMessage> matchClient = new EnvelopeDecoder<>(ClientMessage.getDefaultInstance());

    private static <T extends Message> T roundTrip(T message) {
        @SuppressWarnings("unchecked")
        EnvelopeDecoder<T> decoder = new EnvelopeDecoder<>((T) message.getDefaultInstanceForType());
        return decoder.decode(Unpooled.wrappedBuffer(message.toByteArray()));
    }

    private static ProtocolException rejection(EnvelopeDecoder<?> decoder, byte[] bytes) {
        try {
            decoder.decode(bytes);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("accepted " + bytes.length + " bytes");
    }

    @Test
    void roundTripsEveryServiceEnvelope() {
        List<Message> messages = List.of(
                Samples.joinQueue(),
                io.skirmish.protocol.match.v1.ServerMessage.newBuilder().setVersion(1).setRequestId(0)
                        .setMatchFound(MatchFound.newBuilder().setMatchId("m-1").setMode(GameMode.GAME_MODE_DUEL)
                                .setHost("10.0.0.5").setTcpPort(7000).setUdpPort(7001)
                                .setConnectToken(ByteString.copyFrom(new byte[100])).setTeam(2)
                                .setExpiresAtMs(1_800_000_000_000L))
                        .build(),
                io.skirmish.protocol.game.v1.ClientMessage.newBuilder().setVersion(1).setRequestId(1)
                        .setConnect(Connect.newBuilder().setConnectToken(ByteString.copyFrom(new byte[90]))
                                .setClientPublicKey(ByteString.copyFrom(new byte[32])))
                        .build(),
                io.skirmish.protocol.game.v1.ServerMessage.newBuilder().setVersion(1).setRequestId(1)
                        .setWelcome(Welcome.newBuilder().setConnectionId(-5L).setTickRateHz(30).setYourEntityId(3))
                        .build(),
                io.skirmish.protocol.game.v1.ServerMessage.newBuilder().setVersion(1)
                        .setMatchEnd(MatchEnd.newBuilder().setResult(MatchResult.newBuilder().setMatchId("m-1")
                                .addPlayers(PlayerResult.newBuilder().setPlayerId("p-1").setPlacement(1).setKills(3))
                                .addPlayers(PlayerResult.newBuilder().setPlayerId("p-2").setPlacement(2)
                                        .setDisconnected(true))))
                        .build(),
                io.skirmish.protocol.ranking.v1.ClientMessage.newBuilder().setVersion(1).setRequestId(9)
                        .setTop(Top.newBuilder().setBoard(BoardRef.newBuilder().setBoard("duel")).setCount(10))
                        .build(),
                io.skirmish.protocol.ranking.v1.ServerMessage.newBuilder().setVersion(1).setRequestId(9)
                        .setPage(LeaderboardPage.newBuilder().addEntries(Entry.newBuilder().setRank(1)
                                .setPlayerId("p-1").setScore(31.5).setRating(Rating.newBuilder().setMu(35).setSigma(1.2))))
                        .build(),
                io.skirmish.protocol.ranking.v1.ServerMessage.newBuilder().setVersion(1).setRequestId(3)
                        .setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_UNKNOWN_BOARD).setMessage("no"))
                        .build());
        for (Message message : messages) {
            assertThat(roundTrip(message)).isEqualTo(message);
        }
    }

    @Test
    void keepsUnknownFieldsNextToAKnownBody() {
        ClientMessage withExtra = Samples.joinQueue().toBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(5, UnknownFieldSet.Field.newBuilder().addVarint(42).build()).build())
                .build();
        ClientMessage decoded = matchClient.decode(withExtra.toByteArray());
        assertThat(decoded.getUnknownFields().hasField(5)).isTrue();
        assertThat(decoded.toByteArray()).isEqualTo(withExtra.toByteArray());
    }

    @Test
    void rejectsUnsupportedVersions() {
        for (int version : new int[] {0, ProtocolVersion.CURRENT + 1, -1}) {
            byte[] bytes = Samples.joinQueue().toBuilder().setVersion(version).build().toByteArray();
            ProtocolException e = rejection(matchClient, bytes);
            assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION);
            assertThat(e).hasMessageContaining(Integer.toUnsignedString(version));
            assertThat(e.requestId()).isEqualTo(Samples.joinQueue().getRequestId());
        }
    }

    @Test
    void rejectsEmptyBody() {
        byte[] bytes = ClientMessage.newBuilder().setVersion(1).setRequestId(3).build().toByteArray();
        assertThat(rejection(matchClient, bytes).code()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE);
    }

    @Test
    void rejectsBodyOfUnknownMessageType() {
        // A newer client's body case (field 40) is an unknown field to this build.
        byte[] bytes = ClientMessage.newBuilder().setVersion(1).setRequestId(3)
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(40, UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(ByteString.copyFromUtf8("future")).build())
                        .build())
                .build().toByteArray();
        ProtocolException e = rejection(matchClient, bytes);
        assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE);
        assertThat(e.requestId()).as("the refusal can name the request").isEqualTo(3);
    }

    @Test
    void rejectsGarbage() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        ProtocolException e = rejection(matchClient, garbage);
        assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE);
        assertThat(e.requestId()).isZero();
    }

    @Test
    void rejectsTruncatedMessage() {
        byte[] bytes = Samples.joinQueue().toByteArray();
        for (int length = bytes.length - 1; length > 0; length -= 7) {
            byte[] truncated = java.util.Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> matchClient.decode(truncated)).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void rejectsRecursionBombOfNestedGroups() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt32(1, 1);
        int depth = 10_000;
        for (int i = 0; i < depth; i++) {
            out.writeTag(99, WireFormat.WIRETYPE_START_GROUP);
        }
        for (int i = 0; i < depth; i++) {
            out.writeTag(99, WireFormat.WIRETYPE_END_GROUP);
        }
        out.flush();
        ProtocolException e = rejection(matchClient, bytes.toByteArray());
        assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE);
    }

    @Test
    void rejectsModerateNestingAboveTheLimit() throws IOException {
        // 25 levels of groups: fine for protobuf's default limit of 100, too deep for ours.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int i = 0; i < 25; i++) {
            out.writeTag(99, WireFormat.WIRETYPE_START_GROUP);
        }
        for (int i = 0; i < 25; i++) {
            out.writeTag(99, WireFormat.WIRETYPE_END_GROUP);
        }
        out.flush();
        assertThat(rejection(matchClient, bytes.toByteArray()).getMessage()).contains("nesting");
    }

    @Test
    void rejectsStrayEndGroupTag() {
        byte[] valid = Samples.joinQueue().toByteArray();
        byte[] withEndGroup = java.util.Arrays.copyOf(valid, valid.length + 1);
        withEndGroup[valid.length] = (byte) ((1 << 3) | WireFormat.WIRETYPE_END_GROUP);
        assertThat(rejection(matchClient, withEndGroup).code()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE);
    }

    @Test
    void rejectsFrameAboveLimit() {
        EnvelopeDecoder<ClientMessage> small = new EnvelopeDecoder<>(ClientMessage.getDefaultInstance(), 10);
        assertThat(rejection(small, Samples.joinQueue().toByteArray()).code())
                .isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE);
    }

    @Test
    void refusesATypeThatIsNotAnEnvelope() {
        assertThatThrownBy(() -> new EnvelopeDecoder<>(Pong.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releasesFramesInAPipelineAndReportsErrorsAsProtocolExceptions() {
        EmbeddedChannel channel = new EmbeddedChannel(matchClient);
        ByteBuf good = Unpooled.wrappedBuffer(Samples.joinQueue().toByteArray());
        channel.writeInbound(good);
        ClientMessage decoded = channel.readInbound();
        assertThat(decoded).isEqualTo(Samples.joinQueue());
        assertThat(good.refCnt()).isZero();

        ByteBuf bad = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF});
        assertThatThrownBy(() -> channel.writeInbound(bad)).isInstanceOf(ProtocolException.class);
        assertThat(bad.refCnt()).isZero();
    }

    @Test
    void errorMessageCarriesTheCode() {
        ProtocolException e = rejection(matchClient, new byte[] {(byte) 0xFF});
        assertThat(e.toError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE);
        assertThat(e.toError().getMessage()).isNotEmpty();
    }
}
