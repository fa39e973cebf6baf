package io.skirmish.match.auth;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DevDefaults;
import io.skirmish.match.net.RequestLimit;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * How players log in ({@code --login}, {@code --id-token-*}, {@code --login-limit-*}).
 *
 * @param modes      identity kinds accepted
 * @param dev        the process runs with {@code --dev}; {@link LoginMode#TRUSTED} needs it
 * @param idToken    ID token checks; required with {@link LoginMode#TOKEN}, else null
 * @param perAddress login attempts per source IP ({@code RATE_LIMITED} beyond)
 * @param perAccount login attempts per account ({@code RATE_LIMITED} beyond)
 */
public record LoginConfig(Set<LoginMode> modes, boolean dev, IdTokenConfig idToken, RequestLimit perAddress,
                          RequestLimit perAccount) {

    public LoginConfig {
        modes = Set.copyOf(modes);
        if (modes.isEmpty()) {
            throw new ConfigException("login", "", "expected at least one of device, token, trusted");
        }
        if (modes.contains(LoginMode.TRUSTED) && !dev) {
            throw new ConfigException("login", describe(modes), "trusted login (a raw player id, no proof) is refused "
                    + "without --" + DevDefaults.DEV_FLAG);
        }
        if (modes.contains(LoginMode.TOKEN) && idToken == null) {
            throw new ConfigException("login", describe(modes), "token login needs --id-token-jwks, "
                    + "--id-token-issuer and --id-token-audience");
        }
        if (perAddress == null || perAccount == null) {
            throw new ConfigException("login-limit", null, "expected perSecond:burst or off");
        }
    }

    private static String describe(Set<LoginMode> modes) {
        return modes.stream().map(LoginMode::wireName).sorted().collect(Collectors.joining(","));
    }
}
