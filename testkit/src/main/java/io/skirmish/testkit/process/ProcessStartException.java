package io.skirmish.testkit.process;

/** A fixture process did not become ready; the message carries the tail of its log. */
public final class ProcessStartException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ProcessStartException(String message) {
        super(message);
    }

    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
