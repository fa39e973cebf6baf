package io.skirmish.match.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.skirmish.kit.net.ConnectionErrorHandler;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.net.guard.GuardTimeoutHandler;
import io.skirmish.kit.net.guard.TcpGuards;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.tcp.EnvelopeDecoder;
import io.skirmish.protocol.tcp.FrameDecoder;
import io.skirmish.protocol.tcp.FrameEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The match server's client socket: TCP, length-prefixed {@code skirmish.match.v1} envelopes
 * (the protocol module's codecs, 64 KiB frame limit). Each decoded request then passes a chain
 * of small named handlers, composed here in {@link #initRequestChain}: guard timeouts, the
 * connection's request budget, login shedding while the request queues stand, the client version check, session authentication, the dispatcher
 * to the services, and the connection's end.
 * A handler that refuses a request answers it and stops it there. I/O threads only decode,
 * verify tokens and hand Redis work to the worker pool.
 */
public final class MatchNetServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MatchNetServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final ChannelGroup clients;

    private MatchNetServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel, ChannelGroup clients) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
        this.clients = clients;
    }

    /**
     * Binds the client port; every connection first passes {@code guards} (caps, TLS, backpressure,
     * the Login deadline, idle close).
     */
    public static MatchNetServer bind(String host, int port, int threads, TcpGuards guards, MatchNetContext context)
            throws InterruptedException {
        Transports transport = Transports.best();
        EventLoopGroup boss = transport.group(1, "match-tcp-accept");
        EventLoopGroup workers = transport.group(threads, "match-tcp");
        ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        EnvelopeDecoder<ClientMessage> envelopes = new EnvelopeDecoder<>(ClientMessage.getDefaultInstance());
        FrameEncoder encoder = new FrameEncoder();
        Refusals refusals = new Refusals(context.metrics(), context.badInputLog());
        ClientVersionHandler versions = new ClientVersionHandler(context.minClientVersion(), refusals);
        LoginAdmissionHandler admission = new LoginAdmissionHandler(context.loginShedding(), context::standingNs,
                context.metrics(), refusals);
        GuardTimeoutHandler timeouts = GuardTimeoutHandler.forHandshake("Login");
        ConnectionErrorHandler errors = new ConnectionErrorHandler(refusals);
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            clients.add(ch);
                            guards.install(ch);
                            ch.pipeline()
                                    // Replies and pushes written by batcher and placement threads
                                    // share one flush per event-loop pass instead of a syscall each.
                                    .addLast(new FlushConsolidationHandler(256, true))
                                    .addLast(new FrameDecoder())
                                    .addLast(envelopes)
                                    .addLast(encoder);
                            initRequestChain(ch, context, refusals, admission, versions, timeouts, errors);
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).sync().channel();
            LOG.info("match server listening tcp={} transport={}", server.localAddress(), transport);
            return new MatchNetServer(boss, workers, server, clients);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * The request chain after the codecs, in order. The ClientMessage itself flows from handler
     * to handler; the player a request speaks for is kept in the connection's state. Guard
     * timeouts and what ends a connection are told by service-kit's handlers at either end.
     */
    static void initRequestChain(Channel ch, MatchNetContext context, Refusals refusals, LoginAdmissionHandler admission,
                                 ClientVersionHandler versions, GuardTimeoutHandler timeouts, ConnectionErrorHandler errors) {
        ConnectionState state = new ConnectionState(ch);
        ch.pipeline().addLast("guard-timeouts", timeouts);
        if (context.requestLimit().enabled()) {
            ch.pipeline().addLast("request-budget",
                    new RequestBudgetHandler(context.requestLimit(), context.nanoClock(), refusals));
        }
        ch.pipeline()
                .addLast("login-admission", admission)
                .addLast("client-version", versions)
                .addLast("authentication", new SessionAuthenticationHandler(context.sessions(), state, refusals))
                .addLast("dispatcher", new RequestDispatcher(context, state, refusals))
                .addLast("errors", errors);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        clients.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
