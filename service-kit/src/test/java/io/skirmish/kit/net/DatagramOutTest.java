package io.skirmish.kit.net;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DatagramOut} over real loopback sockets: datagrams sent from a thread that is not the
 * channel's event loop, reusing one buffer, arrive whole, in order, from the channel's port,
 * while the channel keeps reading on its event loop.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DatagramOutTest {

    static Set<Transports> transports() {
        return Transports.best() == Transports.EPOLL ? EnumSet.allOf(Transports.class) : EnumSet.of(Transports.NIO);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void sendsFromAnotherThreadWithOneReusedBuffer(Transports transport) throws Exception {
        EventLoopGroup group = transport.group(1, "datagram-out-test");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout(5_000);
            Channel channel = new Bootstrap().group(group).channel(transport.datagramChannel())
                    .handler(new SimpleChannelInboundHandler<io.netty.channel.socket.DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, io.netty.channel.socket.DatagramPacket msg) {
                            // Reading stays on the event loop; nothing to do with it here.
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            int channelPort = ((InetSocketAddress) channel.localAddress()).getPort();
            InetSocketAddress to = (InetSocketAddress) peer.getLocalSocketAddress();
            int count = 50;
            Thread sender = new Thread(() -> {
                DatagramOut out = DatagramOut.of(channel);
                ByteBuf buffer = Unpooled.directBuffer(64);
                for (int i = 0; i < count; i++) {
                    buffer.clear().writeInt(i).writeZero(i % 7);
                    assertThat(out.send(buffer, to)).isTrue();
                    // The bytes are taken: overwriting the buffer at once must not change what was sent.
                    buffer.setInt(0, -1);
                }
                out.flush();
                buffer.release();
            }, "datagram-out-sender");
            sender.start();
            sender.join();

            byte[] receive = new byte[64];
            for (int i = 0; i < count; i++) {
                DatagramPacket packet = new DatagramPacket(receive, receive.length);
                peer.receive(packet);
                assertThat(packet.getPort()).isEqualTo(channelPort);
                assertThat(packet.getLength()).isEqualTo(4 + i % 7);
                assertThat(Arrays.copyOf(receive, 4)).containsExactly(0, 0, 0, i);
            }
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
