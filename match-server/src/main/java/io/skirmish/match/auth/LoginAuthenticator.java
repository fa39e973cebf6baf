package io.skirmish.match.auth;

import io.skirmish.match.net.KeyedRateLimiter;
import io.skirmish.match.queue.QueueService;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.Login;

import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Turns a {@code Login} into a player id, for the identity kinds this server accepts
 * ({@link LoginMode}), and limits attempts per account (the caller limits per source address,
 * before any work). The account limit is taken as soon as the account is known: before the Redis
 * look-up for a device, after the signature check for an ID token (its account is only known
 * from verified claims). Thread-safe; blocking (device logins read Redis).
 */
public final class LoginAuthenticator {

    /** A successful login; {@code newDeviceSecret} only when a device account was just created. */
    public record Authenticated(LoginMode mode, String playerId, byte[] newDeviceSecret) {
    }

    private final Set<LoginMode> modes;
    private final DeviceAccounts devices;
    private final IdTokenVerifier idTokens;
    private final KeyedRateLimiter perAccount;
    private final LongSupplier nanoClock;

    /**
     * @param devices  null unless {@link LoginMode#DEVICE} is enabled
     * @param idTokens null unless {@link LoginMode#TOKEN} is enabled
     */
    public LoginAuthenticator(Set<LoginMode> modes, DeviceAccounts devices, IdTokenVerifier idTokens,
                              KeyedRateLimiter perAccount, LongSupplier nanoClock) {
        this.modes = Set.copyOf(modes);
        this.devices = devices;
        this.idTokens = idTokens;
        this.perAccount = perAccount;
        this.nanoClock = nanoClock;
    }

    /** The kind of identity a Login carries, or null when it carries none. */
    public static LoginMode modeOf(Login login) {
        return switch (login.getIdentityCase()) {
            case DEVICE_ID -> LoginMode.DEVICE;
            case ID_TOKEN -> LoginMode.TOKEN;
            case PLAYER_ID -> LoginMode.TRUSTED;
            default -> null;
        };
    }

    public Authenticated authenticate(Login login) throws ProtocolException {
        LoginMode mode = modeOf(login);
        if (mode == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "login without an identity");
        }
        if (!modes.contains(mode)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_UNAUTHENTICATED,
                    mode.wireName() + " login is not enabled on this server");
        }
        return switch (mode) {
            case TRUSTED -> {
                String player = login.getPlayerId();
                if (!QueueService.PLAYER_ID.matcher(player).matches()) {
                    throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                            "player id is not 1..64 of [A-Za-z0-9._:-]");
                }
                limit(player);
                yield new Authenticated(mode, player, null);
            }
            case DEVICE -> {
                String device = login.getDeviceId();
                if (!device.isEmpty() && device.length() <= DeviceAccounts.MAX_DEVICE_ID_CHARS) {
                    limit(DeviceAccounts.playerId(device));
                }
                DeviceAccounts.DeviceLogin done = devices.login(device, login.getDeviceSecret().toByteArray());
                yield new Authenticated(mode, done.playerId(), done.newSecret());
            }
            case TOKEN -> {
                String player = idTokens.verify(login.getIdToken());
                limit(player);
                yield new Authenticated(mode, player, null);
            }
        };
    }

    private void limit(String account) throws ProtocolException {
        if (!perAccount.tryTake(account, nanoClock.getAsLong())) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_RATE_LIMITED, "too many login attempts for this account");
        }
    }

    public long retryAfterMs() {
        return perAccount.retryAfterMs();
    }
}
