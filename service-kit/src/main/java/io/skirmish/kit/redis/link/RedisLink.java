package io.skirmish.kit.redis.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.skirmish.kit.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;

/**
 * One Redis connection owned by one event loop and shared by every client connection of that
 * loop. Commands are appended to one buffer as queries are decoded and leave in one write per
 * loop turn ({@link TurnFlusher}), so concurrent queries share a Redis round trip; Redis answers
 * in order, so a FIFO of waiting {@link Reply replies} pairs answers with commands (a command
 * group waits for all its replies). Client
 * channels, this connection and the replies all run on the same loop: no thread hop, no lock.
 *
 * <p>Failures, all answered at once instead of queued:
 * <ul>
 *   <li>not connected (starting, reconnecting): {@link #send} returns {@link Sent#DOWN};</li>
 *   <li>{@code maxInFlight} commands already waiting: {@link Sent#BUSY} (this bounds memory);</li>
 *   <li>no answer within {@code replyTimeout}: the connection is closed;</li>
 *   <li>connection lost: every waiting reply gets {@link Reply#onFailure}, then the link
 *       reconnects with a backoff (100 ms doubling to 2 s), to the node a {@code MOVED} reply
 *       named or else to where {@link RedisTarget} resolves now (a cluster failover).</li>
 * </ul>
 * After each connect the {@code onConnect} commands (client name, script loads) go first; their
 * replies are only checked for errors.
 *
 * <p>Threads: {@link #start} and {@link #close} from any thread; everything else, and every
 * {@link Reply} callback, on the link's event loop.
 */
public final class RedisLink implements TurnFlusher.Flushable {

    /** What {@link #send} did with a command. */
    public enum Sent { QUEUED, BUSY, DOWN }

    /** The answer to one command; called on the link's event loop. */
    public interface Reply {
        /**
         * Redis answered: a value as {@link RespDecoder} reads it ({@code null} for nil, or a
         * {@link RespError}); for a command with several {@link RedisCommand#replies()}, the list
         * of them in order.
         */
        void onReply(Object value);

        /** No answer will come (connection lost or timed out). */
        void onFailure(String reason);
    }

    /**
     * What happens to the connection itself, for a user that keeps state tied to it (a client
     * tracking session: what Redis promised to invalidate holds only while the connection
     * lives). Called on the link's event loop.
     */
    public interface Events {
        /** Connected, and the {@code onConnect} commands are queued (not yet answered). */
        void connected();

        /** The connection is gone (every waiting reply has failed); a reconnect follows unless closed. */
        void disconnected();

        /** A RESP3 push arrived (only on a connection that sent {@code HELLO 3}). */
        void pushed(RespPush push);
    }

    private static final Events NO_EVENTS = new Events() {
        @Override
        public void connected() {
        }

        @Override
        public void disconnected() {
        }

        @Override
        public void pushed(RespPush push) {
        }
    };

    /** A command waiting for its replies; {@code collected} gathers them when there are several. */
    private static final class Waiting {
        final Reply reply;
        final long sentNs;
        final int expected;
        final List<Object> collected;

        Waiting(Reply reply, long sentNs, int expected) {
            this.reply = reply;
            this.sentNs = sentNs;
            this.expected = expected;
            this.collected = expected == 1 ? null : new ArrayList<>(expected);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 2_000;
    private static final long TIMEOUT_CHECK_MS = 100;
    private static final int BATCH_INITIAL_BYTES = 1_024;
    private static final int MAX_REPLY_BULK_BYTES = 4 * 1024 * 1024;
    private static final int MAX_REPLY_ARRAY_LENGTH = 1_000_000;

    private final String name;
    private final TurnFlusher flusher;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final RedisTarget target;
    private final Executor blocking;
    private final int maxInFlight;
    private final long replyTimeoutNs;
    private final LongSupplier nanoClock;
    private final List<RedisCommand> onConnect;
    private final RateLimitedLog problems;
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final Reply checkOnly;
    private final Events events;

    private Channel channel;
    private ByteBuf batch;
    private boolean flushQueued;
    private HostAndPort redirect;
    private final RedisLogin login;
    private int failedAttempts;
    private ScheduledFuture<?> timeoutCheck;
    private volatile boolean closed;

    /**
     * @param flusher       the loop's flusher; the link lives on {@code flusher.loop()}
     * @param channelType   the socket channel class of the loop's transport
     * @param blocking      runs {@link RedisTarget#resolve()} (which may block) off the loop
     * @param maxInFlight   commands waiting for an answer before {@link Sent#BUSY}
     * @param replyTimeoutMs the oldest command's answer may take this long before the connection is dropped
     * @param login         TLS and AUTH of every new connection ({@code rediss://}, {@code user:password@})
     * @param onConnect     sent first on every new connection (after AUTH)
     * @param nanoClock     monotonic nanoseconds, for the reply timeout
     */
    public RedisLink(String name, TurnFlusher flusher, Class<? extends Channel> channelType, RedisTarget target,
                     Executor blocking, RedisLogin login, int maxInFlight, long replyTimeoutMs,
                     List<RedisCommand> onConnect, LongSupplier nanoClock) {
        this(name, flusher, channelType, target, blocking, login, maxInFlight, replyTimeoutMs, onConnect, nanoClock,
                NO_EVENTS);
    }

    /** As above, with {@code events} told of each connect, disconnect and push. */
    public RedisLink(String name, TurnFlusher flusher, Class<? extends Channel> channelType, RedisTarget target,
                     Executor blocking, RedisLogin login, int maxInFlight, long replyTimeoutMs,
                     List<RedisCommand> onConnect, LongSupplier nanoClock, Events events) {
        if (maxInFlight < 1 || replyTimeoutMs < 1) {
            throw new IllegalArgumentException("maxInFlight and replyTimeoutMs must be positive: " + maxInFlight
                    + ", " + replyTimeoutMs);
        }
        this.name = name;
        this.flusher = flusher;
        this.loop = flusher.loop();
        this.target = target;
        this.blocking = blocking;
        this.maxInFlight = maxInFlight;
        this.replyTimeoutNs = TimeUnit.MILLISECONDS.toNanos(replyTimeoutMs);
        this.nanoClock = nanoClock;
        List<RedisCommand> setUp = new ArrayList<>();
        if (login.auth() != null) {
            setUp.add(login.auth()); // first: every later command needs the ACL user
        }
        setUp.addAll(onConnect);
        this.onConnect = List.copyOf(setUp);
        this.login = login;
        this.events = events;
        this.problems = RateLimitedLog.perMinute(LOG);
        this.checkOnly = new Reply() {
            @Override
            public void onReply(Object value) {
                if (value instanceof RespError error) {
                    problems.warn("setup", "redis refused a set-up command link={} error={}", name, error.message());
                }
            }

            @Override
            public void onFailure(String reason) {
                // the connection is gone; the next one sends the set-up commands again
            }
        };
        this.bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, replyTimeoutMs))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new RespDecoder(MAX_REPLY_BULK_BYTES, MAX_REPLY_ARRAY_LENGTH),
                                new AnswerHandler());
                    }
                });
    }

    /** Starts connecting; the future completes at the first successful connect (the link keeps retrying until then). */
    public CompletableFuture<Void> start() {
        loop.execute(() -> {
            timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeout, TIMEOUT_CHECK_MS, TIMEOUT_CHECK_MS,
                    TimeUnit.MILLISECONDS);
            resolveAndConnect();
        });
        return firstConnect;
    }

    /**
     * Queues {@code command}; {@code reply} hears the answer. On the link's loop only.
     *
     * @return {@link Sent#QUEUED}, or why not (then {@code reply} is never called)
     */
    public Sent send(RedisCommand command, Reply reply) {
        if (channel == null) {
            return Sent.DOWN;
        }
        if (waiting.size() >= maxInFlight) {
            return Sent.BUSY;
        }
        if (batch == null) {
            batch = channel.alloc().ioBuffer(BATCH_INITIAL_BYTES);
        }
        command.writeTo(batch);
        waiting.add(new Waiting(reply, nanoClock.getAsLong(), command.replies()));
        if (!flushQueued) {
            flushQueued = true;
            flusher.flushLater(this);
        }
        return Sent.QUEUED;
    }

    /** The link's event loop (the loop of the client channels it serves). */
    public EventLoop loop() {
        return loop;
    }

    /** Commands sent and not answered yet; for tests and metrics, on the loop. */
    public int inFlight() {
        return waiting.size();
    }

    @Override
    public void flushNow() {
        flushQueued = false;
        ByteBuf out = batch;
        batch = null;
        if (out == null) {
            return;
        }
        if (channel == null) {
            out.release();
            return;
        }
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /** Stops reconnecting and closes the connection; waiting replies fail. Waits up to 2 s for the loop. */
    public void close() {
        closed = true;
        if (loop.isShuttingDown()) {
            return;
        }
        loop.submit(() -> {
            if (timeoutCheck != null) {
                timeoutCheck.cancel(false);
            }
            if (channel != null) {
                channel.close();
            }
        }).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private void resolveAndConnect() {
        if (closed) {
            return;
        }
        HostAndPort next = redirect;
        redirect = null;
        if (next != null) {
            connect(next);
            return;
        }
        blocking.execute(() -> {
            try {
                HostAndPort resolved = target.resolve();
                loop.execute(() -> connect(resolved));
            } catch (RuntimeException e) {
                loop.execute(() -> connectFailed("resolve", e));
            }
        });
    }

    private void connect(HostAndPort node) {
        if (closed) {
            return;
        }
        Bootstrap attempt = bootstrap;
        if (login.tls()) {
            // TLS needs the node's name (SNI, host name check), known only now.
            attempt = bootstrap.clone().handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(login.tlsHandler(ch.alloc(), node));
                    ch.pipeline().addLast(new RespDecoder(MAX_REPLY_BULK_BYTES, MAX_REPLY_ARRAY_LENGTH),
                            new AnswerHandler());
                }
            });
        }
        attempt.connect(node.getHost(), node.getPort()).addListener((ChannelFuture future) -> {
            if (closed) {
                future.channel().close();
            } else if (future.isSuccess()) {
                connected(future.channel(), node);
            } else {
                connectFailed(node.toString(), future.cause());
            }
        });
    }

    private void connected(Channel connected, HostAndPort node) {
        channel = connected;
        connected.closeFuture().addListener(future -> disconnected(connected));
        for (RedisCommand command : onConnect) {
            send(command, checkOnly);
        }
        LOG.info("redis link connected link={} redis={} failedAttempts={}", name, node, failedAttempts);
        failedAttempts = 0;
        events.connected();
        firstConnect.complete(null);
    }

    private void connectFailed(String where, Throwable cause) {
        failedAttempts++;
        problems.warn("connect", "redis link cannot connect link={} to={} attempt={} error={}", name, where,
                failedAttempts, String.valueOf(cause));
        scheduleReconnect();
    }

    private void disconnected(Channel lost) {
        if (channel != lost) {
            return;
        }
        channel = null;
        if (batch != null) {
            batch.release();
            batch = null;
        }
        String reason = closed ? "link closed" : "redis connection lost";
        if (!closed) {
            problems.warn("lost", "redis link lost its connection link={} waiting={}", name, waiting.size());
        }
        Waiting lostReply;
        while ((lostReply = waiting.poll()) != null) {
            lostReply.reply.onFailure(reason);
        }
        events.disconnected();
        if (redirect == null) {
            failedAttempts++;
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delayMs = failedAttempts == 0 ? 0
                : Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(failedAttempts - 1, 5));
        loop.schedule(this::resolveAndConnect, delayMs, TimeUnit.MILLISECONDS);
    }

    private void answered(Object decoded) {
        if (decoded instanceof RespPush push) {
            events.pushed(push); // out of band: answers no command
            return;
        }
        Waiting head = waiting.peek();
        if (head == null) {
            problems.warn("desync", "redis answered without a command waiting link={}; reconnecting", name);
            channel.close();
            return;
        }
        Object value = decoded == RespDecoder.NIL ? null : decoded;
        String moved = value instanceof RespError error ? error.movedTo() : null;
        if (head.collected == null) {
            waiting.poll();
            head.reply.onReply(value);
        } else {
            head.collected.add(value);
            if (head.collected.size() == head.expected) {
                waiting.poll();
                head.reply.onReply(head.collected);
            }
        }
        if (moved != null && redirect == null && channel != null) {
            // The slot left this node (resharding, failover): every later command would be refused too.
            redirect = HostAndPort.from(moved);
            LOG.info("redis link redirected link={} to={}", name, redirect);
            channel.close();
        }
    }

    private void checkTimeout() {
        Waiting oldest = waiting.peek();
        if (channel != null && oldest != null && nanoClock.getAsLong() - oldest.sentNs > replyTimeoutNs) {
            problems.warn("timeout", "redis did not answer within {} ms link={} waiting={}; reconnecting",
                    TimeUnit.NANOSECONDS.toMillis(replyTimeoutNs), name, waiting.size());
            channel.close();
        }
    }

    /** The Redis channel's own handler: answers in, failures out. */
    private final class AnswerHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            answered(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            problems.warn("error", "redis link failed link={} error={}; reconnecting", name, cause.toString());
            ctx.close();
        }
    }
}
