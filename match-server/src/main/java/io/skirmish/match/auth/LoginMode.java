package io.skirmish.match.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of identity a match server accepts in {@code Login} ({@code --login}). */
public enum LoginMode {
    /** A device id with the server-generated device secret ({@link DeviceAccounts}). */
    DEVICE,
    /** An ID token (JWT) from the studio's identity service ({@link IdTokenVerifier}). */
    TOKEN,
    /** A raw player id taken on trust: development only ({@code --dev}). */
    TRUSTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code device,token,trusted} (any non-empty subset); throws IllegalArgumentException naming the bad entry. */
    public static Set<LoginMode> parseList(String text) {
        Set<LoginMode> modes = EnumSet.noneOf(LoginMode.class);
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                modes.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown login mode '" + name + "': expected device, token or trusted");
            }
        }
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("expected at least one of device, token, trusted");
        }
        return modes;
    }
}
