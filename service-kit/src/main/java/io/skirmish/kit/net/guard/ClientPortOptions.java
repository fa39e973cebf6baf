package io.skirmish.kit.net.guard;

import java.nio.file.Path;
import java.time.Duration;

import io.netty.handler.ssl.SslContext;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DevMode;
import picocli.CommandLine.Option;

/**
 * The command-line options of a client-facing TCP port, shared by game-, match- and ranking-server
 * (a picocli mixin): TLS files and connection limits. The handshake and idle timeouts stay with
 * each service, whose handshakes differ.
 */
public final class ClientPortOptions {

    @Option(names = "--tls-cert", description = "PEM certificate chain of the client port (leaf first). "
            + "Required unless --dev, which allows plaintext.")
    Path tlsCert;

    @Option(names = "--tls-key", description = "PEM PKCS#8 private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--max-connections", defaultValue = "" + TcpLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Most client connections open at once (default: ${DEFAULT-VALUE}).")
    int maxConnections = TcpLimits.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--max-connections-per-address", defaultValue = "" + TcpLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Most client connections open at once from one IP address; more are closed at accept "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress = TcpLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

    @Option(names = "--write-buffer-high", defaultValue = "" + TcpLimits.DEFAULT_WRITE_HIGH_WATER_BYTES,
            description = "Unsent reply bytes above which a connection is not read until half of them went out "
                    + "(default: ${DEFAULT-VALUE}).")
    int writeHighWaterBytes = TcpLimits.DEFAULT_WRITE_HIGH_WATER_BYTES;

    @Option(names = "--write-buffer-limit", defaultValue = "" + TcpLimits.DEFAULT_WRITE_LIMIT_BYTES,
            description = "Unsent reply bytes past which a connection is closed: its client does not read "
                    + "(default: ${DEFAULT-VALUE}).")
    int writeLimitBytes = TcpLimits.DEFAULT_WRITE_LIMIT_BYTES;

    /**
     * The port's configuration; TLS files are read now.
     *
     * @throws ConfigException without TLS files and without {@code --dev}, for one file without the
     *                         other, an unreadable file or a bad limit
     */
    public ClientPortConfig config(DevMode dev, Duration handshakeTimeout, Duration idleTimeout) {
        TcpLimits limits;
        try {
            limits = new TcpLimits(maxConnections, maxConnectionsPerAddress, handshakeTimeout, idleTimeout,
                    Math.max(1, writeHighWaterBytes / 2), writeHighWaterBytes, writeLimitBytes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("max-connections/write-buffer-*", maxConnections + "/" + writeHighWaterBytes
                    + "/" + writeLimitBytes, e.getMessage());
        }
        return new ClientPortConfig(limits, tls(dev));
    }

    private SslContext tls(DevMode dev) {
        if (tlsCert == null && tlsKey == null) {
            if (!dev.enabled()) {
                throw new ConfigException("tls-cert", "(none)",
                        "TLS is required on the client port: set --tls-cert and --tls-key (PEM), or run with --dev for plaintext");
            }
            return null;
        }
        if (tlsCert == null || tlsKey == null) {
            throw new ConfigException(tlsCert == null ? "tls-cert" : "tls-key", "(none)",
                    "--tls-cert and --tls-key go together");
        }
        return ServerTls.context(tlsCert, tlsKey);
    }
}
