package io.skirmish.match.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    private volatile List<byte[]> markers = List.of();

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

    /**
     * The next request containing every one of {@code texts} reaches Redis; its connection hears
     * nothing more. Several markers, because one alone may also be in a request another thread
     * sends at the same moment (a formation round names the ticket prefix too).
     */
    void dropRepliesAfter(String... texts) {
        markers = Arrays.stream(texts).map(text -> text.getBytes(StandardCharsets.UTF_8)).toList();
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
                        // Deaf before the request leaves: Redis can answer before this thread
                        // runs again, and that answer must not get through.
                        if (armed.get() && containsAll(buffer, n, markers) && armed.compareAndSet(true, false)) {
                            deaf.set(true);
                            fired.set(true);
                        }
                        out.write(buffer, 0, n);
                        out.flush();
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

    private static boolean containsAll(byte[] buffer, int length, List<byte[]> markers) {
        for (byte[] marker : markers) {
            if (!contains(buffer, length, marker)) {
                return false;
            }
        }
        return true;
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
