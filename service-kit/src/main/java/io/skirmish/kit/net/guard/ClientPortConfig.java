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

    /** Plaintext with the default limits: in-process tests and benchmarks. */
    public static ClientPortConfig plaintext(Duration handshakeTimeout, Duration idleTimeout) {
        return new ClientPortConfig(TcpLimits.defaults(handshakeTimeout, idleTimeout), null);
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
