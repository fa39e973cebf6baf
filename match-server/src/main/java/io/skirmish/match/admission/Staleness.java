package io.skirmish.match.admission;

/**
 * Why a queued request was dropped when a thread took it, before any work on it: it is stale.
 * The tag is the {@code reason} of {@code match.requests.shed}.
 */
public enum Staleness {
    /** It waited longer than the bound ({@code --max-queue-wait}): its client is told SERVER_BUSY. */
    WAITED("waited"),
    /** Its connection closed while it waited: nobody is left to answer. */
    GONE("gone");

    private final String tag;

    Staleness(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * Why a request a thread takes now is stale, or null when it is to be done: a client that left
     * first (nothing to answer), then a wait past {@code maxWaitNs}.
     */
    public static Staleness of(boolean wanted, long waitedNs, long maxWaitNs) {
        if (!wanted) {
            return GONE;
        }
        return waitedNs > maxWaitNs ? WAITED : null;
    }
}
