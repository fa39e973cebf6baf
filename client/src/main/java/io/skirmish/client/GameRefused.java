package io.skirmish.client;

import io.skirmish.protocol.common.v1.ErrorCode;

/**
 * The game server closed the connection before welcoming the client; {@link #code()} says why
 * when the server sent an error first ({@code ERROR_CODE_UNSPECIFIED} when it did not), so a
 * client decides by code whether to come back (a match not hosted yet, a dropped connection the
 * server has not noticed yet) or give up.
 */
public final class GameRefused extends IllegalStateException {

    private final ErrorCode code;

    GameRefused(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The refusal's code anywhere in {@code failure}'s causes, or {@code ERROR_CODE_UNSPECIFIED}. */
    public static ErrorCode codeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GameRefused refused) {
                return refused.code;
            }
        }
        return ErrorCode.ERROR_CODE_UNSPECIFIED;
    }
}
