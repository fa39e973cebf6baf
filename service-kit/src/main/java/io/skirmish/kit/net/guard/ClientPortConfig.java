package io.skirmish.kit.net.guard;

import java.time.Duration;

import io.netty.handler.ssl.SslContext;

/**
 * How a service's client-facing TCP port faces the internet: its {@link TcpLimits} and its TLS
 * context ({@code null}: plaintext, which only {@code --dev} allows; see {@link ClientPortOptions}).
 */
public record ClientPortConfig(TcpLimits limits, SslContext tls) {

    public ClientPortConfig {
        if (limits == null) {
            throw new IllegalArgumentException("limits must be set");
        }
    }

    /**
     * Plaintext with the default limits but no per-address cap: in-process tests and benchmarks,
     * whose clients all connect from loopback.
     */
    public static ClientPortConfig plaintext(Duration handshakeTimeout, Duration idleTimeout) {
        return new ClientPortConfig(TcpLimits.defaults(handshakeTimeout, idleTimeout)
                .withConnectionCaps(TcpLimits.DEFAULT_MAX_CONNECTIONS, TcpLimits.DEFAULT_MAX_CONNECTIONS), null);
    }

    public boolean tlsEnabled() {
        return tls != null;
    }

    public ClientPortConfig withLimits(TcpLimits newLimits) {
        return new ClientPortConfig(newLimits, tls);
    }

    public ClientPortConfig withTls(SslContext context) {
        return new ClientPortConfig(limits, context);
    }
}
