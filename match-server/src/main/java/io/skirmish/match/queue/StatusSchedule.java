package io.skirmish.match.queue;

/**
 * When a waiting ticket's leader gets a {@code QueueUpdate} push: less often as the wait grows,
 * after 1, 2, 4, 8, ... status intervals (2 s, 4 s, 8 s, 16 s, ... with the default
 * {@code --status-interval 2s}). A push every interval to every waiting ticket made a backlog
 * expensive exactly when the server had least to spare (2,000 tickets in each of 9 queues is
 * 9,000 pushes a second at one per 2 s); this way a ticket costs about log2(wait) pushes however
 * long it waits, and a client that wants more asks with {@code QueueStatusRequest}.
 *
 * <p>Stateless: the caller runs every {@code intervalMs} and asks, for each ticket, whether its
 * wait crossed a power-of-two number of intervals since the previous run. Pure, so tests drive it
 * with any wait they like.
 *
 * @param intervalMs how often the caller runs (more than 0)
 */
public record StatusSchedule(long intervalMs) {

    public StatusSchedule {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("status interval must be positive: " + intervalMs);
        }
    }

    /** Whether a ticket that has waited {@code waitMs} is due a push in this run. */
    public boolean due(long waitMs) {
        long periods = waitMs / intervalMs;
        long before = Math.max(0, waitMs - intervalMs) / intervalMs;
        return periods >= 1 && bitLength(periods) > bitLength(before);
    }

    private static int bitLength(long value) {
        return 64 - Long.numberOfLeadingZeros(value);
    }
}
