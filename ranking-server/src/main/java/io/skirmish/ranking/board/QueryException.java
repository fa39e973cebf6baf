package io.skirmish.ranking.board;

import io.skirmish.protocol.common.v1.ErrorCode;

/** A query the server refuses with an {@code Error} reply; the connection stays open. No stack trace. */
public final class QueryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public QueryException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
