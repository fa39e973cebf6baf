package io.skirmish.game.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.skirmish.game.world.MatchMode;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.Connect;
import io.skirmish.protocol.game.v1.Leave;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a client written from docs/protocol.md sees on the game server's TCP port, byte by byte
 * over a plain socket: a refused request is answered with an Error that carries the request's
 * own {@code request_id}, and nothing but Connect is answered before Connect.
 */
@RedisTest(flushEachTest = true)
@Timeout(60)
class ConnectRefusalIT {

    private GameServerFixture fixture;

    @BeforeEach
    void start(RedisEndpoint redis) throws Exception {
        fixture = new GameServerFixture(redis, "gs-refusal", Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRefusedConnectEchoesTheRequestId() throws Exception {
        fixture.allocate("duel-r1", MatchMode.DUEL, List.of("rita", "sam"));
        byte[] forged = fixture.token("rita", "duel-r1", MatchMode.DUEL);
        forged[10] ^= 1;
        try (Socket socket = connect()) {
            send(socket, ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(4711)
                    .setConnect(Connect.newBuilder().setConnectToken(ByteString.copyFrom(forged))
                            .setClientPublicKey(ByteString.copyFrom(new byte[32]))).build());

            ServerMessage reply = receive(socket);

            assertThat(reply.getRequestId()).isEqualTo(4711);
            assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_TOKEN_INVALID);
        }
    }

    @Test
    void aBodyFromANewerClientIsRefusedWithItsRequestId() throws Exception {
        try (Socket socket = connect()) {
            // Body case 40 does not exist in v1: to this server it is an unknown field.
            send(socket, ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(77)
                    .setUnknownFields(UnknownFieldSet.newBuilder().addField(40, UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.copyFromUtf8("future")).build()).build()).build());

            ServerMessage reply = receive(socket);

            assertThat(reply.getRequestId()).isEqualTo(77);
            assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void pingBeforeConnectIsRefusedAndLeaveBeforeConnectCloses() throws Exception {
        try (Socket socket = connect()) {
            send(socket, ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(99)
                    .setPing(Ping.newBuilder().setClientTimeMs(123)).build());
            ServerMessage refusal = receive(socket);

            // Nothing but the handshake's reply before Connect: the Ping is refused, the connection closed.
            assertThat(refusal.getRequestId()).isEqualTo(99);
            assertThat(refusal.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket socket = connect()) {
            send(socket, ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(100)
                    .setLeave(Leave.getDefaultInstance()).build());
            // Leave before Connect just closes: the server has nothing to give back.
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", fixture.server.tcpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, ClientMessage message) throws IOException {
        byte[] body = message.toByteArray();
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    private static ServerMessage receive(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return ServerMessage.parseFrom(body);
    }
}
