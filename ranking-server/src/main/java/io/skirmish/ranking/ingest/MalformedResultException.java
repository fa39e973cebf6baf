package io.skirmish.ranking.ingest;

/**
 * A result that can never be applied; it goes to the dead-letter stream with
 * {@link #getMessage()} as its reason. No stack trace: it is data, not a bug here.
 */
public final class MalformedResultException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String category;

    /**
     * @param category low-cardinality metric tag, e.g. {@code parse}, {@code field}, {@code rating}
     * @param reason   what is wrong, with the offending value
     */
    public MalformedResultException(String category, String reason) {
        super(reason, null, false, false);
        this.category = category;
    }

    public String category() {
        return category;
    }
}
