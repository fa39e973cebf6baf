package io.skirmish.kit.net;

import io.skirmish.protocol.common.v1.ErrorCode;

import java.util.Locale;

/**
 * The metric tag of a protocol error code, the same in every service:
 * {@code ERROR_CODE_TOKEN_EXPIRED} becomes {@code token_expired}.
 */
public final class ErrorCodeTags {

    private static final String PREFIX = "ERROR_CODE_";

    private ErrorCodeTags() {
    }

    public static String tag(ErrorCode code) {
        String name = code.name();
        return (name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name).toLowerCase(Locale.ROOT);
    }
}
