package io.skirmish.kit.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Socket;

/**
 * Sends datagrams from a bound UDP channel's socket, from ONE thread of the caller's choosing,
 * without Netty's write path: no task, message object or buffer per datagram. The datagram's
 * bytes are copied by the kernel before {@link #send} returns, so the caller reuses one
 * buffer for every datagram.
 *
 * <p>On epoll it is one {@code sendto} on the channel's socket. A UDP socket may be written by
 * one thread while another reads it, so a server can read inputs on its event loop and send
 * snapshots from another thread. The channel must stay open while this is used: close every
 * sender before the channel (the descriptor number could be reused after a close).
 *
 * <p>A full socket send buffer drops the datagram ({@code send} returns false) instead of
 * queueing it: for real-time traffic a late datagram is worth less than the next one.
 * On NIO (no native transport) it falls back to writing through the channel, which copies each
 * datagram and sends it on the channel's event loop at {@link #flush()}.
 *
 * <p>Not thread-safe: one instance per sending thread.
 */
public abstract class DatagramOut {

    /** The fastest way to send on {@code channel}: its socket on epoll, the channel otherwise. */
    public static DatagramOut of(Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (channel instanceof EpollDatagramChannel epoll) {
            return new SocketOut((Socket) epoll.fd());
        }
        return queued(channel);
    }

    /**
     * Through the channel's write path on any transport: {@link #send} copies the datagram and
     * queues it, {@link #flush()} sends what is queued on the channel's event loop (on epoll,
     * Netty hands one flush's datagrams to the kernel in {@code sendmmsg} batches of the channel's
     * {@code MAX_MESSAGES_PER_WRITE}). A channel above its write-buffer high-water mark drops.
     */
    public static DatagramOut queued(Channel channel) {
        return new ChannelOut(Objects.requireNonNull(channel, "channel"));
    }

    /**
     * Sends the readable bytes of {@code datagram} (indices untouched) to {@code recipient}.
     *
     * @return false if the datagram was dropped: socket buffer full, or an error the caller
     *         should count (UDP reports errors per datagram; the socket stays usable)
     */
    public abstract boolean send(ByteBuf datagram, InetSocketAddress recipient);

    /** Pushes out what {@link #send} queued; nothing to do when sends go straight to the socket. */
    public abstract void flush();

    private static final class SocketOut extends DatagramOut {
        private final Socket socket;

        SocketOut(Socket socket) {
            this.socket = socket;
        }

        @Override
        public boolean send(ByteBuf datagram, InetSocketAddress recipient) {
            int length = datagram.readableBytes();
            try {
                int sent = datagram.hasMemoryAddress()
                        ? socket.sendToAddress(datagram.memoryAddress(), datagram.readerIndex(),
                                datagram.writerIndex(), recipient.getAddress(), recipient.getPort())
                        : socket.sendTo(datagram.nioBuffer(), 0, length, recipient.getAddress(), recipient.getPort());
                // 0 is EAGAIN: the send buffer is full.
                return sent == length;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void flush() {
        }
    }

    private static final class ChannelOut extends DatagramOut {
        private final Channel channel;

        ChannelOut(Channel channel) {
            this.channel = channel;
        }

        @Override
        public boolean send(ByteBuf datagram, InetSocketAddress recipient) {
            if (!channel.isWritable()) {
                return false;
            }
            ByteBuf copy = channel.alloc().directBuffer(datagram.readableBytes())
                    .writeBytes(datagram, datagram.readerIndex(), datagram.readableBytes());
            channel.write(new DatagramPacket(copy, recipient), channel.voidPromise());
            return true;
        }

        @Override
        public void flush() {
            channel.flush();
        }
    }
}
