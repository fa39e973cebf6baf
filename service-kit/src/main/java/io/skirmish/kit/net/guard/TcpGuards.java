package io.skirmish.kit.net.guard;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandler;
import io.skirmish.kit.log.RateLimitedLog;
import org.slf4j.Logger;

/**
 * The one place a client TCP connection's transport guards are put together, in this order at the
 * head of its pipeline:
 * <pre>
 *   connection-caps      total and per-address caps, checked at accept, before TLS ({@link ConnectionCapHandler})
 *   tls                  Netty SslHandler, JDK provider, when TLS is configured
 *   tls-guard            a failed TLS handshake is counted and closed ({@link TlsHandshakeGuard})
 *   write-backpressure   stop reading above the high-water mark, close past the limit ({@link WriteBackpressureHandler})
 *   handshake-deadline   absolute deadline for Connect/Login ({@link HandshakeDeadlineHandler}), if the port has one
 *   idle-close           close after the idle timeout ({@link IdleCloseHandler}), if the port has one
 * </pre>
 * then the service adds its codecs and handlers. One instance per port, shared by its connections.
 */
public final class TcpGuards {

    public static final String CONNECTION_CAPS = "connection-caps";
    public static final String TLS = "tls";
    public static final String TLS_GUARD = "tls-guard";
    public static final String WRITE_BACKPRESSURE = "write-backpressure";
    public static final String HANDSHAKE_DEADLINE = "handshake-deadline";
    public static final String IDLE_CLOSE = "idle-close";

    private final ClientPortConfig config;
    private final ConnectionCounter counter;
    private final GuardMetrics metrics;
    private final RateLimitedLog log;
    private final ConnectionCapHandler caps;
    private final WriteBufferWaterMark waterMark;

    public TcpGuards(ClientPortConfig config, MeterRegistry registry, String metricPrefix, Logger logger) {
        this.config = config;
        TcpLimits limits = config.limits();
        this.counter = new ConnectionCounter(limits.maxConnections(), limits.maxConnectionsPerAddress());
        this.metrics = new GuardMetrics(registry, metricPrefix, counter::open);
        this.log = RateLimitedLog.perMinute(logger);
        this.caps = new ConnectionCapHandler(counter, metrics, log);
        this.waterMark = new WriteBufferWaterMark(limits.writeLowWaterBytes(), limits.writeHighWaterBytes());
    }

    /** Adds the guards to a new connection's pipeline; call first in the service's {@code initChannel}. */
    public void install(Channel channel) {
        TcpLimits limits = config.limits();
        channel.config().setWriteBufferWaterMark(waterMark);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(CONNECTION_CAPS, caps);
        if (config.tlsEnabled()) {
            SslHandler tls = config.tls().newHandler(channel.alloc());
            if (!limits.handshakeTimeout().isZero()) {
                tls.setHandshakeTimeout(limits.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            }
            pipeline.addLast(TLS, tls);
            pipeline.addLast(TLS_GUARD, new TlsHandshakeGuard(metrics, log));
        }
        pipeline.addLast(WRITE_BACKPRESSURE, new WriteBackpressureHandler(limits.writeLimitBytes(), metrics, log));
        if (!limits.handshakeTimeout().isZero()) {
            pipeline.addLast(HANDSHAKE_DEADLINE,
                    new HandshakeDeadlineHandler(limits.handshakeTimeout().toNanos(), metrics, log));
        }
        if (!limits.idleTimeout().isZero()) {
            pipeline.addLast(IDLE_CLOSE, new IdleCloseHandler(limits.idleTimeout().toNanos(), metrics, log));
        }
    }

    /** The service's handshake succeeded on this connection: its deadline no longer applies. */
    public static void handshakeDone(Channel channel) {
        HandshakeDeadlineHandler.remove(channel.pipeline());
    }

    public ConnectionCounter counter() {
        return counter;
    }

    public GuardMetrics metrics() {
        return metrics;
    }

    public ClientPortConfig config() {
        return config;
    }
}
