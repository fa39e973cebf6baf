package io.skirmish.kit.keys;

import io.skirmish.protocol.token.KeyRingSource;
import io.skirmish.protocol.token.TokenKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A token key ring read from a file ({@code id:base64} per line, the first signs; see
 * {@link TokenKeyRing#parseFile}), that follows the file: {@link #reload()} re-reads it, and a
 * changed content replaces the ring for the next token. A file that no longer parses, or that a
 * {@code refuse} check rejects (the public development key), leaves the previous ring in place
 * and is logged: a typo during a rotation never takes the service down.
 *
 * <p>Thread-safety: {@link #current()} from any thread (a volatile read); {@link #reload()} from
 * the watcher or the signal thread, serialized.
 */
public final class KeyFileRing implements KeyRingSource {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFileRing.class);

    /** Outcome of one {@link #reload()}. */
    public enum Reload { UNCHANGED, RELOADED, REFUSED }

    private final String option;
    private final Path file;
    private final Predicate<TokenKeyRing> refuse;
    private volatile TokenKeyRing ring;
    private byte[] digest;

    private KeyFileRing(String option, Path file, Predicate<TokenKeyRing> refuse, TokenKeyRing ring, byte[] digest) {
        this.option = option;
        this.file = file;
        this.refuse = refuse;
        this.ring = ring;
        this.digest = digest;
    }

    /**
     * Reads the file once, for start-up.
     *
     * @param option the configuration option that named the file, for messages
     * @param refuse true for a ring that must not be used (checked at start and on every reload)
     * @throws IllegalArgumentException naming the option and the problem (never a secret)
     */
    public static KeyFileRing open(String option, Path file, Predicate<TokenKeyRing> refuse, String refusal) {
        Objects.requireNonNull(file, "file");
        byte[] content = read(option, file);
        TokenKeyRing ring = parse(option, file, content);
        if (refuse.test(ring)) {
            throw new IllegalArgumentException(refusal);
        }
        return new KeyFileRing(option, file, refuse, ring, sha256(content));
    }

    @Override
    public TokenKeyRing current() {
        return ring;
    }

    public Path file() {
        return file;
    }

    /** Re-reads the file; a changed, valid content becomes the ring. */
    public synchronized Reload reload() {
        byte[] content;
        TokenKeyRing next;
        try {
            content = read(option, file);
            if (MessageDigest.isEqual(sha256(content), digest)) {
                return Reload.UNCHANGED;
            }
            next = parse(option, file, content);
        } catch (IllegalArgumentException e) {
            LOG.warn("key file not reloaded, keeping the previous keys option={} error={}", option, e.getMessage());
            return Reload.REFUSED;
        }
        if (refuse.test(next)) {
            LOG.warn("key file not reloaded, it holds a refused key (the development key?) option={} file={}",
                    option, file);
            return Reload.REFUSED;
        }
        ring = next;
        digest = sha256(content);
        LOG.info("key file reloaded option={} ring={}", option, next);
        return Reload.RELOADED;
    }

    private static byte[] read(String option, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read key file " + file + ": " + e.getMessage());
        }
    }

    private static TokenKeyRing parse(String option, Path file, byte[] content) {
        try {
            return TokenKeyRing.parseFile(new String(content, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": key file " + file + ": " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
