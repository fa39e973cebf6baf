package io.skirmish.match.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP relay in front of Redis that, once armed, lets the first request carrying a
 * marker through to Redis and then drops every reply on that connection: the command runs, the
 * client never hears it did. That is the ambiguous failure a cut connection leaves (the write
 * landed, the reply was lost), which a fault proxy that drops both ways cannot produce.
 */
final class ReplyDroppingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile byte[] marker = new byte[0];

    ReplyDroppingRelay(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next request containing {@code text} reaches Redis; its connection hears nothing more. */
    void dropRepliesAfter(String text) {
        marker = text.getBytes(StandardCharsets.UTF_8);
        fired.set(false);
        armed.set(true);
    }

    /** Whether an armed marker went through. */
    boolean fired() {
        return fired.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                sockets.add(client);
                sockets.add(server);
                AtomicBoolean deaf = new AtomicBoolean();
                pump(client, server, deaf, true);
                pump(server, client, deaf, false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean deaf, boolean requests) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (requests) {
                        out.write(buffer, 0, n);
                        out.flush();
                        if (armed.get() && contains(buffer, n, marker) && armed.compareAndSet(true, false)) {
                            deaf.set(true);
                            fired.set(true);
                        }
                    } else if (!deaf.get()) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // a side closed: the other pump ends on its own
            }
        }, requests ? "relay-requests" : "relay-replies");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
