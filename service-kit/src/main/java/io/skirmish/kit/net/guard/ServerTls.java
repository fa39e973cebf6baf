package io.skirmish.kit.net.guard;

import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.skirmish.kit.config.ConfigException;

/**
 * The TLS side of a client port, from PEM files: a certificate chain (leaf first) and its private
 * key in PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}; convert a PKCS#1 key with
 * {@code openssl pkcs8 -topk8 -nocrypt}). JDK provider (no native library to ship); TLS 1.3
 * preferred, TLS 1.2 accepted for older client stacks, nothing older.
 */
public final class ServerTls {

    /** Offered in order of preference. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    /** Reads both files now, so a missing or unreadable one stops the process at start-up. */
    public static SslContext context(Path certificateChain, Path privateKey) {
        requireReadable("tls-cert", certificateChain);
        requireReadable("tls-key", privateKey);
        try {
            return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (Exception e) {
            throw new ConfigException("tls-cert/tls-key", certificateChain + " " + privateKey,
                    "a PEM certificate chain and its PEM PKCS#8 private key (" + e.getMessage() + ")");
        }
    }

    private static void requireReadable(String key, Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException(key, file, "a readable PEM file");
        }
    }
}
