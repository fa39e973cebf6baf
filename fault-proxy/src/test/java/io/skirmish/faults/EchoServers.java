package io.skirmish.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/** A TCP and a UDP echo server on 127.0.0.1, each on its own daemon thread, for the proxy's IT. */
final class EchoServers implements AutoCloseable {

    final ServerSocket tcp;
    final DatagramSocket udp;

    EchoServers() throws IOException {
        tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("tcp-echo", this::acceptLoop);
        daemon("udp-echo", this::udpLoop);
    }

    InetSocketAddress tcpAddress() {
        return (InetSocketAddress) tcp.getLocalSocketAddress();
    }

    InetSocketAddress udpAddress() {
        return (InetSocketAddress) udp.getLocalSocketAddress();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = tcp.accept();
                daemon("tcp-echo-conn", () -> echo(socket));
            }
        } catch (IOException closed) {
            // the server socket was closed: the test is over
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a reset from the proxy ends this connection
        }
    }

    private void udpLoop() {
        byte[] buffer = new byte[65_535];
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                udp.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
            }
        } catch (SocketException closed) {
            // closed: the test is over
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        tcp.close();
        udp.close();
    }
}
