package io.skirmish.ranking.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.List;

import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.ranking.v1.Around;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.Friends;
import io.skirmish.protocol.ranking.v1.Period;
import io.skirmish.protocol.ranking.v1.Rank;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.protocol.ranking.v1.Top;

/** A blocking client of the ranking protocol (u32 length + protobuf), one request at a time. Not thread-safe. */
public final class RankingClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private long nextRequestId = 1;

    public RankingClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    public static BoardRef board(String name, Period period, String key) {
        return BoardRef.newBuilder().setBoard(name).setPeriod(period).setPeriodKey(key).build();
    }

    public static BoardRef season(String name, String season) {
        return board(name, Period.PERIOD_SEASON, season);
    }

    public ServerMessage top(BoardRef board, int count, int offset) throws IOException {
        return call(ClientMessage.newBuilder().setTop(Top.newBuilder().setBoard(board).setCount(count).setOffset(offset)));
    }

    public ServerMessage around(BoardRef board, String player, int count) throws IOException {
        return call(ClientMessage.newBuilder().setAround(Around.newBuilder().setBoard(board).setPlayerId(player)
                .setCount(count)));
    }

    public ServerMessage rank(BoardRef board, String player) throws IOException {
        return call(ClientMessage.newBuilder().setRank(Rank.newBuilder().setBoard(board).setPlayerId(player)));
    }

    public ServerMessage friends(BoardRef board, List<String> players) throws IOException {
        return call(ClientMessage.newBuilder().setFriends(Friends.newBuilder().setBoard(board).addAllPlayerIds(players)));
    }

    public ServerMessage call(ClientMessage.Builder message) throws IOException {
        long requestId = nextRequestId++;
        byte[] bytes = message.setVersion(ProtocolVersion.CURRENT).setRequestId(requestId).build().toByteArray();
        sendRaw(bytes);
        ServerMessage reply = read();
        if (reply.getRequestId() != requestId) {
            throw new IOException("reply to request " + reply.getRequestId() + ", expected " + requestId);
        }
        return reply;
    }

    public void sendRaw(byte[] frameBody) throws IOException {
        out.writeInt(frameBody.length);
        out.write(frameBody);
        out.flush();
    }

    public ServerMessage read() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return ServerMessage.parseFrom(body);
    }

    /** True when the server closed the connection (read returns end of stream). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
