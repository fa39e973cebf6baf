package io.skirmish.client;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

/**
 * How the client reaches a TCP port: plaintext (a server started with {@code --dev}) or TLS,
 * trusting the certificates of one PEM file (the studio's CA, or a server's self-signed
 * certificate) and checking that the server's certificate names the host it dialled. TLS 1.3
 * preferred, 1.2 accepted; JDK provider. Immutable; one per process is enough.
 */
public final class ClientTls {

    private static final ClientTls PLAINTEXT = new ClientTls(null);

    private final SslContext context;

    private ClientTls(SslContext context) {
        this.context = context;
    }

    public static ClientTls plaintext() {
        return PLAINTEXT;
    }

    /** TLS, trusting the certificates in {@code trustedPem}. */
    public static ClientTls trusting(Path trustedPem) {
        if (!Files.isReadable(trustedPem)) {
            throw new IllegalArgumentException("cannot read the trusted certificates " + trustedPem);
        }
        try {
            return new ClientTls(SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").trustManager(trustedPem.toFile()).build());
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot use " + trustedPem + " as trusted certificates: " + e.getMessage(),
                    e);
        }
    }

    public boolean enabled() {
        return context != null;
    }

    /** Adds TLS to a new connection to {@code host:port}, first in its pipeline; nothing for plaintext. */
    public void install(Channel channel, String host, int port) {
        if (context == null) {
            return;
        }
        SslHandler handler = context.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        // Check the certificate names the host dialled, as HTTPS does.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        channel.pipeline().addFirst("tls", handler);
    }
}
