package io.skirmish.client;

import java.util.concurrent.CompletableFuture;

import io.netty.channel.EventLoopGroup;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.Rank;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.protocol.ranking.v1.Top;

/** A connection to the ranking-server's queries (ranking/v1). Threads as {@link RequestChannel}. */
public final class RankingConnection implements AutoCloseable {

    private final RequestChannel<ServerMessage> channel;

    private RankingConnection(RequestChannel<ServerMessage> channel) {
        this.channel = channel;
    }

    public static CompletableFuture<RankingConnection> connect(EventLoopGroup group, Transports transport, String host,
                                                   int port) {
        return connect(group, transport, ClientTls.plaintext(), host, port);
    }

    /** Connects over {@code tls} (plaintext only reaches a server started with {@code --dev}). */
    public static CompletableFuture<RankingConnection> connect(EventLoopGroup group, Transports transport, ClientTls tls,
                                                   String host, int port) {
        return RequestChannel.connect(group, transport, tls, host, port, ServerMessage.getDefaultInstance(),
                ServerMessage::getRequestId).thenApply(RankingConnection::new);
    }

    /** The player's row on {@code board} (the running season unless the ref says otherwise). */
    public CompletableFuture<ServerMessage> rank(BoardRef board, String playerId) {
        return send(ClientMessage.newBuilder().setRank(Rank.newBuilder().setBoard(board).setPlayerId(playerId)));
    }

    public CompletableFuture<ServerMessage> top(BoardRef board, int count, int offset) {
        return send(ClientMessage.newBuilder().setTop(Top.newBuilder().setBoard(board).setCount(count)
                .setOffset(offset)));
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    private CompletableFuture<ServerMessage> send(ClientMessage.Builder message) {
        return channel.request(id -> message.setVersion(ProtocolVersion.CURRENT).setRequestId(id).build());
    }

    @Override
    public void close() {
        channel.close();
    }
}
