package io.skirmish.ranking.rating.cli;

/** A match document that cannot be rated; the message names the problem on one line. */
final class MalformedMatchException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedMatchException(String message) {
        super(message, null, false, false);
    }
}
