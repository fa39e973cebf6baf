package io.skirmish.game.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.client.ConnectHandshake;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.protocol.game.v1.Welcome;
import io.skirmish.protocol.udp.PacketStatus;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.UdpLimits;

/**
 * A game client built from plain blocking sockets, so that an attack test controls every byte and
 * every socket: the TCP handshake (Connect, Welcome, keys), then sealed UDP packets sent from
 * whichever local socket the test chooses (a second address such as 127.0.0.2, several ports),
 * and snapshots counted per socket. Not thread-safe: one test thread drives it.
 */
final class RawGameClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    final Socket tcp;
    final Welcome welcome;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final ConnectHandshake.Keys keys;
    private final InetSocketAddress serverUdp;

    private RawGameClient(Socket tcp, DataInputStream in, DataOutputStream out, Welcome welcome,
                          ConnectHandshake.Keys keys, InetSocketAddress serverUdp) {
        this.tcp = tcp;
        this.in = in;
        this.out = out;
        this.welcome = welcome;
        this.keys = keys;
        this.serverUdp = serverUdp;
    }

    /** Connects and completes the handshake; a refusal is an {@link IOException} naming the error code. */
    static RawGameClient connect(int tcpPort, int udpPort, byte[] token, byte[] resumeSecret)
            throws IOException, ProtocolException {
        Socket tcp = new Socket("127.0.0.1", tcpPort);
        tcp.setTcpNoDelay(true);
        tcp.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(tcp.getInputStream());
        DataOutputStream out = new DataOutputStream(tcp.getOutputStream());
        ConnectHandshake handshake = new ConnectHandshake(token, resumeSecret, RANDOM);
        writeFrame(out, handshake.connectMessage(1).toByteArray());
        ServerMessage reply = readFrame(in);
        if (!reply.hasWelcome()) {
            tcp.close();
            throw new IOException("refused: " + reply.getError().getCode() + " " + reply.getError().getMessage());
        }
        return new RawGameClient(tcp, in, out, reply.getWelcome(), handshake.keys(reply.getWelcome()),
                new InetSocketAddress("127.0.0.1", udpPort));
    }

    /** A UDP socket on {@code localAddress} (any port), reads time out after 50 ms. */
    static DatagramSocket udpOn(String localAddress) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.setSoTimeout(50);
        return socket;
    }

    /** Sends one authentic KEEPALIVE from {@code from} (any thread: the sealer is used under the lock). */
    synchronized void keepalive(DatagramSocket from) throws IOException {
        ByteBuf datagram = Unpooled.buffer(UdpLimits.MAX_PACKET_BYTES);
        keys.sealer().seal(PacketType.KEEPALIVE, 0, 0, datagram);
        byte[] bytes = new byte[datagram.readableBytes()];
        datagram.readBytes(bytes);
        from.send(new DatagramPacket(bytes, bytes.length, serverUdp));
    }

    /**
     * Authentic snapshots that reach {@code socket}: waits up to {@code maxMs} for the first, then
     * counts until the socket is quiet for {@code quietMs} (or {@code maxMs} are over).
     */
    int snapshotsOn(DatagramSocket socket, long quietMs, long maxMs) throws IOException {
        int count = 0;
        long end = System.nanoTime() + maxMs * 1_000_000;
        long quietSince = System.nanoTime();
        byte[] buffer = new byte[2048];
        while (System.nanoTime() < end && (count == 0 || System.nanoTime() - quietSince < quietMs * 1_000_000)) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            ByteBuf payload = Unpooled.buffer(UdpLimits.MAX_PACKET_BYTES);
            if (keys.opener().open(Unpooled.wrappedBuffer(buffer, 0, packet.getLength()), payload) == PacketStatus.OK) {
                count++;
                quietSince = System.nanoTime();
            }
        }
        return count;
    }

    /** Every datagram (authentic or not) that reaches {@code socket} within {@code waitMs}. */
    static int datagramsOn(DatagramSocket socket, long waitMs) throws IOException {
        int count = 0;
        long end = System.nanoTime() + waitMs * 1_000_000;
        byte[] buffer = new byte[2048];
        while (System.nanoTime() < end) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
                count++;
            } catch (SocketTimeoutException e) {
                // keep listening until the end
            }
        }
        return count;
    }

    /** The frame bytes of a Ping (u32 length, then the envelope). */
    static byte[] pingFrame(long requestId) {
        byte[] body = ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId)
                .setPing(Ping.newBuilder().setClientTimeMs(1)).build().toByteArray();
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        return frame;
    }

    /** Sends a Ping and returns its Pong (or an Error), skipping the game events that come before it. */
    ServerMessage ping() throws IOException {
        out.write(pingFrame(7));
        out.flush();
        while (true) {
            ServerMessage message = readFrame(in);
            if (message.hasPong() || message.hasError()) {
                return message;
            }
        }
    }

    /** The next message from the server (an Error before it closes, an event, a Pong). */
    ServerMessage read() throws IOException {
        return readFrame(in);
    }

    DataOutputStream output() {
        return out;
    }

    private static void writeFrame(DataOutputStream out, byte[] body) throws IOException {
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    private static ServerMessage readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return ServerMessage.parseFrom(body);
    }

    @Override
    public void close() throws IOException {
        tcp.close();
    }
}
