package io.skirmish.match.auth;

import io.skirmish.match.queue.MatchKeys;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;

/**
 * Device accounts: the first login of a device id creates the account and hands out a
 * server-generated secret of {@value #SECRET_BYTES} random bytes; Redis keeps only its SHA-256
 * ({@link MatchKeys#device}). Later logins must present the secret, compared in constant time. A
 * plain hash suffices (no password hashing) because the secret is 256 random bits, not a
 * human-chosen password: there is nothing to guess. Two first logins that race are settled by
 * {@code HSETNX}: one creates, the other must present the winner's secret.
 *
 * <p>Lost secrets are not recoverable here: the device starts a new account under a new device
 * id. Thread-safe; blocking (one or two Redis calls), so run on the request workers.
 */
public final class DeviceAccounts {

    public static final int SECRET_BYTES = 32;
    /** Every device player id starts with this; token logins may not claim it. */
    public static final String PLAYER_PREFIX = "d-";
    static final int MAX_DEVICE_ID_CHARS = 64;

    /** A successful device login; {@code newSecret} is non-null only when the account was just created. */
    public record DeviceLogin(String playerId, byte[] newSecret) {
    }

    private final UnifiedJedis redis;
    private final SecureRandom random;
    private final InstantSource clock;

    public DeviceAccounts(UnifiedJedis redis, SecureRandom random, InstantSource clock) {
        this.redis = redis;
        this.random = random;
        this.clock = clock;
    }

    public DeviceLogin login(String deviceId, byte[] presentedSecret) throws ProtocolException {
        if (deviceId.isEmpty() || deviceId.length() > MAX_DEVICE_ID_CHARS) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                    "device id of " + deviceId.length() + " characters, expected 1.." + MAX_DEVICE_ID_CHARS);
        }
        String playerId = playerId(deviceId);
        String key = MatchKeys.device(playerId);
        if (presentedSecret.length == 0) {
            byte[] secret = new byte[SECRET_BYTES];
            random.nextBytes(secret);
            if (redis.hsetnx(key, "secret", hex(sha256(secret))) == 1) {
                redis.hset(key, Map.of("created", Long.toString(clock.millis())));
                return new DeviceLogin(playerId, secret);
            }
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED,
                    "device already registered: present its device secret");
        }
        String stored = redis.hget(key, "secret");
        if (stored == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED,
                    "unknown device (log in without a secret to register it)");
        }
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(stored), sha256(presentedSecret))) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED, "wrong device secret");
        }
        return new DeviceLogin(playerId, null);
    }

    /** The player id a device id maps to: stable, and not reversible to the device id. */
    public static String playerId(String deviceId) {
        return PLAYER_PREFIX + HexFormat.of().formatHex(sha256(deviceId.getBytes(StandardCharsets.UTF_8)), 0, 12);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
