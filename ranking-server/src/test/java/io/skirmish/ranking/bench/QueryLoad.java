package io.skirmish.ranking.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.protocol.tcp.EnvelopeCodecs;
import org.HdrHistogram.Histogram;

/**
 * The client side of the query benchmark, built like redis-benchmark so the two sides compare:
 * one event-loop thread drives {@code connections} connections, each keeping {@code pipeline}
 * queries in flight (a new one leaves as each reply arrives), and records every reply's latency
 * from the moment its query was written. Replies count only inside the measured window, after
 * the warm-up; an {@code Error} reply fails the run.
 *
 * <p>All state lives on the one client loop; {@link #run} reads it after the loop has finished.
 */
final class QueryLoad {

    /**
     * What was measured: replies per second in the window, their latency (µs), all replies of the
     * run, and the CPU time the client's loop thread used for the whole run (ns).
     */
    record Measured(double perSecond, Histogram latencyUs, long replies, long clientCpuNs) {
        double p50Ms() {
            return latencyUs.getValueAtPercentile(50) / 1e3;
        }

        double p99Ms() {
            return latencyUs.getValueAtPercentile(99) / 1e3;
        }
    }

    private QueryLoad() {
    }

    static Measured run(int port, int connections, int pipeline, long warmupMs, long measureMs,
                        Supplier<ClientMessage.Builder> queries) throws Exception {
        EventLoopGroup group = Transports.best().group(1, "bench-client");
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        long[] counted = new long[2]; // [0] in the window, [1] all
        String[] failure = new String[1];
        long startNs = System.nanoTime();
        long windowStartNs = startNs + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        long windowEndNs = windowStartNs + TimeUnit.MILLISECONDS.toNanos(measureMs);
        CountDownLatch drained = new CountDownLatch(connections);
        List<Channel> channels = new ArrayList<>();
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(Transports.best().socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            EnvelopeCodecs.addLast(ch.pipeline(), ServerMessage.getDefaultInstance()).addLast(
                                    new Driver(pipeline, queries, histogram, counted, failure, windowStartNs, windowEndNs,
                                            drained));
                        }
                    });
            for (int i = 0; i < connections; i++) {
                channels.add(bootstrap.connect("127.0.0.1", port).sync().channel());
            }
            if (!drained.await(TimeUnit.NANOSECONDS.toMillis(windowEndNs - System.nanoTime()) + 30_000,
                    TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("queries still unanswered 30 s after the end of the run");
            }
            // The latch orders the loop's writes before these reads.
            if (failure[0] != null) {
                throw new IllegalStateException("benchmark connection failed: " + failure[0]);
            }
            long clientCpuNs = group.submit(() -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime())
                    .get(10, TimeUnit.SECONDS);
            return new Measured(counted[0] / (measureMs / 1e3), histogram, counted[1], clientCpuNs);
        } finally {
            channels.forEach(Channel::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One connection: keeps {@code pipeline} queries in flight until the window ends. */
    private static final class Driver extends SimpleChannelInboundHandler<ServerMessage> {
        private final int pipeline;
        private final Supplier<ClientMessage.Builder> queries;
        private final Histogram histogram;
        private final long[] counted;
        private final String[] failure;
        private final long windowStartNs;
        private final long windowEndNs;
        private final CountDownLatch drained;
        private final Map<Long, Long> sentNs = new HashMap<>();
        private long nextRequestId = 1;

        Driver(int pipeline, Supplier<ClientMessage.Builder> queries, Histogram histogram, long[] counted,
               String[] failure, long windowStartNs, long windowEndNs, CountDownLatch drained) {
            this.pipeline = pipeline;
            this.queries = queries;
            this.histogram = histogram;
            this.counted = counted;
            this.failure = failure;
            this.windowStartNs = windowStartNs;
            this.windowEndNs = windowEndNs;
            this.drained = drained;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            for (int i = 0; i < pipeline; i++) {
                send(ctx);
            }
            ctx.flush();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ServerMessage reply) {
            long nowNs = System.nanoTime();
            counted[1]++;
            Long sent = sentNs.remove(reply.getRequestId());
            if (sent == null || reply.hasError()) {
                throw new IllegalStateException("unexpected reply " + reply);
            }
            if (sent >= windowStartNs && nowNs <= windowEndNs) {
                histogram.recordValue(Math.max(1, (nowNs - sent) / 1_000));
                counted[0]++;
            }
            if (nowNs < windowEndNs) {
                send(ctx);
            } else if (sentNs.isEmpty()) {
                drained.countDown();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure[0] = cause.toString();
            ctx.close();
            drained.countDown();
        }

        private void send(ChannelHandlerContext ctx) {
            long id = nextRequestId++;
            sentNs.put(id, System.nanoTime());
            ctx.write(queries.get().setVersion(ProtocolVersion.CURRENT).setRequestId(id).build());
        }
    }
}
