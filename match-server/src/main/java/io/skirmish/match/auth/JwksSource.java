package io.skirmish.match.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;

/**
 * The identity service's public keys. A URL is fetched by the JOSE library's cached, rate-limited
 * source (a key id it has not seen triggers at most one refetch per interval, so forged key ids
 * cannot flood the identity service). A file is re-read when its modification time changes, so a
 * rotated key file applies without a restart. Thread-safe.
 */
final class JwksSource {

    private final JWKSource<SecurityContext> url;
    private final Path file;
    private volatile FileTime loadedAt;
    private volatile JWKSet loaded;

    private JwksSource(JWKSource<SecurityContext> url, Path file) {
        this.url = url;
        this.file = file;
    }

    /** Opens {@code location} (a URL with a scheme, else a file, which must exist and parse now). */
    static JwksSource open(String location) {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            try {
                return new JwksSource(JWKSourceBuilder.create(URI.create(location).toURL()).retrying(true).build(), null);
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("id-token-jwks: not a URL: " + location);
            }
        }
        JwksSource source = new JwksSource(null, Path.of(location));
        try {
            source.fileKeys();
        } catch (KeySourceException e) {
            throw new IllegalArgumentException("id-token-jwks: " + e.getMessage());
        }
        return source;
    }

    List<JWK> select(JWKSelector selector) throws KeySourceException {
        if (url != null) {
            return url.get(selector, null);
        }
        return selector.select(fileKeys());
    }

    private JWKSet fileKeys() throws KeySourceException {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (loaded == null || !modified.equals(loadedAt)) {
                synchronized (this) {
                    if (loaded == null || !modified.equals(loadedAt)) {
                        loaded = JWKSet.load(file.toFile());
                        loadedAt = modified;
                    }
                }
            }
            return loaded;
        } catch (IOException | ParseException e) {
            if (loaded != null) {
                return loaded; // a half-written rotation: keep the keys that worked
            }
            throw new KeySourceException("cannot read JWKS file " + file + ": " + e.getMessage(), e);
        }
    }
}
