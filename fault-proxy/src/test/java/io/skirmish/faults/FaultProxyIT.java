package io.skirmish.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proxy over real loopback sockets, in front of a TCP and a UDP echo server: each fault is
 * seen by a real client the way a network would show it. Delays are asserted only as lower bounds
 * (a proxy cannot deliver early; under load it may deliver late).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultProxyIT {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final FaultControl control = new FaultControl();
    private EchoServers echo;
    private TcpFaultProxy tcp;
    private UdpFaultProxy udp;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServers();
        tcp = new TcpFaultProxy(ANY_LOOPBACK_PORT, echo.tcpAddress(), control, SystemNanoClock.INSTANCE, 1);
        udp = new UdpFaultProxy(ANY_LOOPBACK_PORT, echo.udpAddress(), control, SystemNanoClock.INSTANCE, 1, 30_000);
    }

    @AfterEach
    void stop() throws IOException {
        tcp.close();
        udp.close();
        echo.close();
    }

    @Test
    void tcpLatencyAppliesBothWaysAndKeepsEveryByteInOrder() throws IOException {
        control.apply(FaultProfile.NONE.withLatency(40, 20).withLoss(0.1));
        try (Socket socket = connect()) {
            byte[] sent = new byte[200_000];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) (i * 31);
            }
            long startNs = System.nanoTime();
            CompletableFuture.runAsync(() -> write(socket, sent));
            byte[] received = new byte[sent.length];
            new DataInputStream(socket.getInputStream()).readFully(received);
            assertThat(received).isEqualTo(sent);
            assertThat(System.nanoTime() - startNs).as("round trip through two 40±20 ms hops")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        }
        assertThat(tcp.counters().connections()).isOne();
    }

    @Test
    void tcpPartitionHoldsBytesUntilItHealsThenDeliversThem() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(300);
            control.partition();
            socket.getOutputStream().write("held".getBytes());
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4];
            try {
                in.read(buffer);
                throw new AssertionError("a byte crossed the partition");
            } catch (SocketTimeoutException expected) {
                // nothing crosses while partitioned
            }
            control.heal();
            socket.setSoTimeout(10_000);
            new DataInputStream(in).readFully(buffer);
            assertThat(new String(buffer)).isEqualTo("held");
        }
    }

    @Test
    void cuttingConnectionsResetsThemAndNewOnesWork() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(10_000);
            roundTrip(socket, "before");
            control.cutConnections();
            await().atMost(Duration.ofSeconds(10)).until(() -> tcp.counters().cut() == 1);
            assertThat(socket.getInputStream().read()).as("end of stream after a cut").isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            assertThat(reset).hasMessageContaining("reset");
        }
        try (Socket again = connect()) {
            again.setSoTimeout(10_000);
            roundTrip(again, "after");
        }
    }

    @Test
    void udpLossDropsAboutTheRateAndCountsIt() throws IOException {
        control.apply(FaultProfile.NONE.withLoss(0.3));
        List<Integer> echoed = sendAndCollect(400, Duration.ofMillis(1_500));
        // Two hops at 30 % each: about 49 % come back.
        assertThat(echoed.size()).isBetween(120, 280);
        assertThat(udp.counters().dropped()).isBetween(400L - 280, 400L);
    }

    @Test
    void udpDuplicatesArriveTwice() throws IOException {
        control.apply(FaultProfile.NONE.withDuplicates(1));
        List<Integer> echoed = sendAndCollect(20, Duration.ofMillis(1_500));
        // Each hop doubles: four copies of each datagram come back.
        assertThat(echoed).hasSize(80);
        assertThat(echoed.stream().distinct()).hasSize(20);
    }

    @Test
    void udpReorderingLetsLaterDatagramsOvertake() throws IOException {
        control.apply(FaultProfile.NONE.withReorder(0.3));
        List<Integer> echoed = sendAndCollect(200, Duration.ofMillis(1_500));
        assertThat(echoed).hasSize(200).doesNotHaveDuplicates();
        assertThat(echoed).as("order of arrival").isNotEqualTo(echoed.stream().sorted().toList());
    }

    @Test
    void udpLatencyDelaysEachDatagramAndAPartitionDropsThemUntilHealed() throws IOException {
        control.apply(FaultProfile.NONE.withLatency(50, 0));
        try (DatagramSocket socket = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            socket.setSoTimeout(5_000);
            long startNs = System.nanoTime();
            send(socket, 1);
            assertThat(receive(socket)).isEqualTo(1);
            assertThat(System.nanoTime() - startNs).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

            control.partition();
            send(socket, 2);
            socket.setSoTimeout(400);
            assertThat(receiveOrNull(socket)).as("across a partition").isNull();
            control.heal();
            socket.setSoTimeout(5_000);
            send(socket, 3);
            assertThat(receive(socket)).isEqualTo(3);
        }
        assertThat(udp.sessions()).isOne();
    }

    private Socket connect() throws IOException {
        return new Socket(tcp.address().getAddress(), tcp.address().getPort());
    }

    private static void roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes());
        byte[] back = new byte[text.length()];
        new DataInputStream(socket.getInputStream()).readFully(back);
        assertThat(new String(back)).isEqualTo(text);
    }

    private static void write(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < bytes.length; i += 1_000) {
                out.write(bytes, i, Math.min(1_000, bytes.length - i));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Integer> sendAndCollect(int count, Duration quiet) throws IOException {
        List<Integer> echoed = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            for (int i = 0; i < count; i++) {
                send(socket, i);
            }
            socket.setSoTimeout((int) quiet.toMillis());
            for (Integer n; (n = receiveOrNull(socket)) != null; ) {
                echoed.add(n);
            }
        }
        return echoed;
    }

    private void send(DatagramSocket socket, int n) throws IOException {
        byte[] payload = ByteBuffer.allocate(4).putInt(n).array();
        socket.send(new DatagramPacket(payload, payload.length, udp.address()));
    }

    private static int receive(DatagramSocket socket) throws IOException {
        Integer n = receiveOrNull(socket);
        assertThat(n).as("a datagram back").isNotNull();
        return n;
    }

    private static Integer receiveOrNull(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[16], 16);
        try {
            socket.receive(packet);
            return ByteBuffer.wrap(packet.getData(), 0, packet.getLength()).getInt();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }
}
