package io.skirmish.kit.net.guard;

import java.time.Duration;

/**
 * The limits every client-facing TCP port enforces before any request reaches a service handler.
 *
 * @param maxConnections            open connections at once, all addresses together
 * @param maxConnectionsPerAddress  open connections at once from one source IP address
 * @param handshakeTimeout          absolute time from accept to a completed handshake (Connect or Login),
 *                                  whatever the client sends meanwhile; {@link Duration#ZERO} for a port
 *                                  without a handshake
 * @param idleTimeout               a connection that neither sends nor receives anything this long is closed;
 *                                  {@link Duration#ZERO} for never
 * @param writeLowWaterBytes        reading resumes when the unsent replies of a connection fall below this
 * @param writeHighWaterBytes       reading stops while the unsent replies of a connection are above this
 * @param writeLimitBytes           a connection with more unsent bytes than this is closed (a client that never
 *                                  reads but keeps receiving pushes)
 */
public record TcpLimits(int maxConnections, int maxConnectionsPerAddress, Duration handshakeTimeout,
                        Duration idleTimeout, int writeLowWaterBytes, int writeHighWaterBytes, int writeLimitBytes) {

    public static final int DEFAULT_MAX_CONNECTIONS = 20_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
    public static final int DEFAULT_WRITE_LOW_WATER_BYTES = 32 << 10;
    public static final int DEFAULT_WRITE_HIGH_WATER_BYTES = 64 << 10;
    public static final int DEFAULT_WRITE_LIMIT_BYTES = 1 << 20;

    public TcpLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
        }
        if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be 1.." + maxConnections + ", was "
                    + maxConnectionsPerAddress);
        }
        if (handshakeTimeout.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative, were " + handshakeTimeout + " and "
                    + idleTimeout);
        }
        if (writeLowWaterBytes < 1 || writeHighWaterBytes <= writeLowWaterBytes || writeLimitBytes <= writeHighWaterBytes) {
            throw new IllegalArgumentException("write buffer marks must grow: 0 < low < high < limit, were "
                    + writeLowWaterBytes + " < " + writeHighWaterBytes + " < " + writeLimitBytes);
        }
    }

    /** One machine's safe defaults with the given handshake and idle timeouts. */
    public static TcpLimits defaults(Duration handshakeTimeout, Duration idleTimeout) {
        return new TcpLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, handshakeTimeout,
                idleTimeout, DEFAULT_WRITE_LOW_WATER_BYTES, DEFAULT_WRITE_HIGH_WATER_BYTES, DEFAULT_WRITE_LIMIT_BYTES);
    }

    public TcpLimits withConnectionCaps(int total, int perAddress) {
        return new TcpLimits(total, perAddress, handshakeTimeout, idleTimeout, writeLowWaterBytes, writeHighWaterBytes,
                writeLimitBytes);
    }

    public TcpLimits withTimeouts(Duration handshake, Duration idle) {
        return new TcpLimits(maxConnections, maxConnectionsPerAddress, handshake, idle, writeLowWaterBytes,
                writeHighWaterBytes, writeLimitBytes);
    }
}
