package io.skirmish.protocol;

import io.netty.handler.codec.CorruptedFrameException;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;

import java.util.Objects;

/**
 * The one exception every Skirmish decoder and verifier throws for bad input from the network.
 *
 * <p>It carries a machine-readable {@link ErrorCode} so a server can count rejections by reason
 * and answer with an {@link Error} message ({@link #toError()}), and a message naming the
 * offending value and the limit it broke. It extends Netty's {@link CorruptedFrameException} so
 * that a pipeline treats it like any other decoder failure.
 *
 * <p>Expected client errors are not bugs: log them without a stack trace. For that reason, and
 * because a hostile peer can trigger them at will, the stack trace is not filled in.
 */
public final class ProtocolException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final long requestId;

    /**
     * @param code    the machine-readable reason, never {@code UNRECOGNIZED}
     * @param message what was wrong, with the offending value and the limit
     */
    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * @param code    the machine-readable reason
     * @param message what was wrong, with the offending value and the limit
     * @param cause   the library exception being translated, may be null
     */
    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, 0);
    }

    private ProtocolException(ErrorCode code, String message, Throwable cause, long requestId) {
        super(code + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.requestId = requestId;
    }

    /**
     * For an envelope that parsed but is refused as a whole (unsupported version, unknown body):
     * its {@code request_id} is known, so the refusal can name the request (docs/protocol.md, "Errors").
     */
    public static ProtocolException forRequest(ErrorCode code, String message, long requestId) {
        return new ProtocolException(code, message, null, requestId);
    }

    /** The {@code request_id} of the refused envelope, 0 when the bytes did not parse far enough to tell. */
    public long requestId() {
        return requestId;
    }

    /** The machine-readable reason. */
    public ErrorCode code() {
        return code;
    }

    /** The error message to send to the peer before closing (the detail is for logs only). */
    public Error toError() {
        return Error.newBuilder().setCode(code).setMessage(getMessage()).build();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Thrown on hostile input at line rate; a stack trace would only cost time.
        return this;
    }
}
