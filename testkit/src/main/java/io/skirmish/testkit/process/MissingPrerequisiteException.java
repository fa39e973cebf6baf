package io.skirmish.testkit.process;

/**
 * A program or file the fixtures need is not on this machine. The message names the
 * prerequisite and how to install it, because this is the first thing a new contributor or a
 * fresh CI machine will see.
 */
public final class MissingPrerequisiteException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public MissingPrerequisiteException(String message) {
        super(message);
    }
}
