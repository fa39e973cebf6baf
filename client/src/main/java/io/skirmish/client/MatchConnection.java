package io.skirmish.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.google.protobuf.ByteString;
import io.netty.channel.EventLoopGroup;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.JoinQueue;
import io.skirmish.protocol.match.v1.LeaveQueue;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.QueueStatusRequest;
import io.skirmish.protocol.match.v1.ServerMessage;

/**
 * A player's connection to the match-server (match/v1): log in, join and leave the queue; queue
 * updates and {@code MatchFound} arrive as pushes. Threads as {@link RequestChannel}.
 */
public final class MatchConnection implements AutoCloseable {

    private final RequestChannel<ServerMessage> channel;

    private MatchConnection(RequestChannel<ServerMessage> channel) {
        this.channel = channel;
    }

    public static CompletableFuture<MatchConnection> connect(EventLoopGroup group, Transports transport, String host,
                                                   int port) {
        return connect(group, transport, ClientTls.plaintext(), host, port);
    }

    /** Connects over {@code tls} (plaintext only reaches a server started with {@code --dev}). */
    public static CompletableFuture<MatchConnection> connect(EventLoopGroup group, Transports transport, ClientTls tls,
                                                   String host, int port) {
        return RequestChannel.connect(group, transport, tls, host, port, ServerMessage.getDefaultInstance(),
                ServerMessage::getRequestId).thenApply(MatchConnection::new);
    }

    /** Pushes: queue updates, {@code MatchFound}, and an error before the server closes. */
    public void onPush(Consumer<ServerMessage> listener) {
        channel.onPush(listener);
    }

    /** Trusted login with a raw player id: only servers started with {@code --dev} accept it. */
    public CompletableFuture<ServerMessage> login(String playerId, String clientVersion) {
        return send(ClientMessage.newBuilder().setLogin(Login.newBuilder().setPlayerId(playerId)
                .setClientVersion(clientVersion)));
    }

    /**
     * Device login. The first login of {@code deviceId} passes an empty {@code deviceSecret} and
     * gets the account's secret in {@code LoginOk.device_secret} (shown once: store it); every
     * later login must pass that secret. Servers without {@code --dev} accept no other login but
     * ID tokens ({@link #loginWithIdToken}).
     */
    public CompletableFuture<ServerMessage> loginWithDevice(String deviceId, ByteString deviceSecret,
                                                            String clientVersion) {
        return send(ClientMessage.newBuilder().setLogin(Login.newBuilder().setDeviceId(deviceId)
                .setDeviceSecret(deviceSecret).setClientVersion(clientVersion)));
    }

    /** Token login with an ID token (a compact JWS) from the studio's identity service. */
    public CompletableFuture<ServerMessage> loginWithIdToken(String idToken, String clientVersion) {
        return send(ClientMessage.newBuilder().setLogin(Login.newBuilder().setIdToken(idToken)
                .setClientVersion(clientVersion)));
    }

    /** Joins the queue; {@code partyPlayerIds} are the other members (empty for a solo player). */
    public CompletableFuture<ServerMessage> join(ByteString sessionToken, GameMode mode, String region,
                                                 List<String> partyPlayerIds) {
        return send(ClientMessage.newBuilder().setJoinQueue(JoinQueue.newBuilder().setSessionToken(sessionToken)
                .setMode(mode).setRegion(region).addAllPartyPlayerIds(partyPlayerIds)));
    }

    public CompletableFuture<ServerMessage> leave(ByteString sessionToken) {
        return send(ClientMessage.newBuilder().setLeaveQueue(LeaveQueue.newBuilder().setSessionToken(sessionToken)));
    }

    /**
     * The player's queue state; a matched ticket's {@code MatchFound} is pushed again with it.
     * After a lost connection, log in again and ask this before joining ({@link QueueResume}).
     */
    public CompletableFuture<ServerMessage> status(ByteString sessionToken) {
        return send(ClientMessage.newBuilder().setQueueStatus(QueueStatusRequest.newBuilder()
                .setSessionToken(sessionToken)));
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Completes when the connection closes, whoever closed it. */
    public CompletableFuture<Void> closed() {
        return channel.closed();
    }

    private CompletableFuture<ServerMessage> send(ClientMessage.Builder message) {
        return channel.request(id -> message.setVersion(ProtocolVersion.CURRENT).setRequestId(id).build());
    }

    @Override
    public void close() {
        channel.close();
    }
}
