package io.skirmish.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.tcp.EnvelopeCodecs;

/**
 * One TCP connection to a Skirmish request/reply service (match/v1, ranking/v1): frames of
 * {@code u32 length | protobuf}, every request carries an id and its reply the same id; a reply
 * with id 0 is a push. Requests may be sent from any thread; replies complete their futures and
 * pushes reach the listener on the channel's event loop.
 *
 * @param <S> the service's server message type
 */
public final class RequestChannel<S extends Message> implements AutoCloseable {

    /** A reply later than this fails its request: a bot never waits forever on a lost reply. */
    private static final long REPLY_TIMEOUT_MS = 30_000;

    private final Channel channel;
    private final AtomicLong nextRequestId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<S>> pending = new ConcurrentHashMap<>();
    private final ToLongFunction<S> requestIdOf;
    private volatile Consumer<S> pushListener = message -> { };

    private RequestChannel(Channel channel, ToLongFunction<S> requestIdOf) {
        this.channel = channel;
        this.requestIdOf = requestIdOf;
    }

    /**
     * Connects to {@code host:port} on {@code group} (an event loop keeps the connection on that
     * one thread).
     *
     * @param prototype   the server message's default instance, to parse replies
     * @param requestIdOf reads a server message's request id (0 for pushes)
     */
    public static <S extends Message> CompletableFuture<RequestChannel<S>> connect(
            EventLoopGroup group, Transports transport, String host, int port, S prototype,
            ToLongFunction<S> requestIdOf) {
        return connect(group, transport, ClientTls.plaintext(), host, port, prototype, requestIdOf);
    }

    /** As {@link #connect(EventLoopGroup, Transports, String, int, Message, ToLongFunction)}, over {@code tls}. */
    public static <S extends Message> CompletableFuture<RequestChannel<S>> connect(
            EventLoopGroup group, Transports transport, ClientTls tls, String host, int port, S prototype,
            ToLongFunction<S> requestIdOf) {
        CompletableFuture<RequestChannel<S>> connected = new CompletableFuture<>();
        @SuppressWarnings("unchecked")
        RequestChannel<S>[] holder = new RequestChannel[1];
        new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        tls.install(ch, host, port);
                        EnvelopeCodecs.addLast(ch.pipeline(), prototype)
                                .addLast(new ReplyHandler<>(prototype, holder));
                    }
                })
                .connect(host, port)
                .addListener((ChannelFuture done) -> {
                    if (done.isSuccess()) {
                        holder[0] = new RequestChannel<>(done.channel(), requestIdOf);
                        done.channel().closeFuture().addListener(closed -> holder[0].failPending());
                        connected.complete(holder[0]);
                    } else {
                        connected.completeExceptionally(done.cause());
                    }
                });
        return connected;
    }

    /** Receives every message with request id 0 (queue updates, match found, ...). */
    public void onPush(Consumer<S> listener) {
        this.pushListener = listener;
    }

    /**
     * Sends the request {@code build} makes for a fresh request id; the future completes with the
     * reply, or fails when the connection closes or no reply came in time.
     */
    public CompletableFuture<S> request(LongFunction<? extends MessageLite> build) {
        long id = nextRequestId.getAndIncrement();
        CompletableFuture<S> reply = new CompletableFuture<>();
        pending.put(id, reply);
        reply.whenComplete((message, failure) -> pending.remove(id));
        if (!channel.isActive()) {
            reply.completeExceptionally(new IllegalStateException("connection closed"));
            return reply;
        }
        channel.writeAndFlush(build.apply(id));
        return reply.orTimeout(REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public CompletableFuture<Void> closed() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(done -> closed.complete(null));
        return closed;
    }

    @Override
    public void close() {
        channel.close();
    }

    private void onMessage(S message) {
        long id = requestIdOf.applyAsLong(message);
        CompletableFuture<S> reply = id == 0 ? null : pending.get(id);
        if (reply != null) {
            reply.complete(message);
        } else {
            pushListener.accept(message);
        }
    }

    private void failPending() {
        IllegalStateException closed = new IllegalStateException("connection closed");
        pending.values().forEach(reply -> reply.completeExceptionally(closed));
    }

    private static final class ReplyHandler<S extends Message> extends SimpleChannelInboundHandler<S> {
        private final RequestChannel<S>[] holder;

        @SuppressWarnings("unchecked")
        ReplyHandler(S prototype, RequestChannel<S>[] holder) {
            // The message class is given, not inferred: Netty cannot resolve a type variable.
            super((Class<? extends S>) prototype.getClass());
            this.holder = holder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, S message) {
            holder[0].onMessage(message);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A protocol error from the server side ends the connection; pending requests fail with it.
            ctx.close();
        }
    }
}
