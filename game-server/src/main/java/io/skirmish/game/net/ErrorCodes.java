package io.skirmish.game.net;

import java.util.Locale;

import io.skirmish.protocol.common.v1.ErrorCode;

/** Metric tag of an error code: {@code ERROR_CODE_TOKEN_EXPIRED} becomes {@code token_expired}. */
final class ErrorCodes {

    private static final String PREFIX = "ERROR_CODE_";

    private ErrorCodes() {
    }

    static String tag(ErrorCode code) {
        String name = code.name();
        return (name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name).toLowerCase(Locale.ROOT);
    }
}
