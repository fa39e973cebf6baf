package io.skirmish.match.net;

/**
 * A token bucket on one connection's requests: {@code burst} tokens of capacity, refilled at
 * {@code perSecond}. It does not grow with the players logged in on the connection: a
 * connection that logs in many players gets no more requests for it (per-player limits, such as
 * queue joins, are kept per account instead). Pure: the caller passes the monotonic time; one
 * thread (the connection's event loop).
 */
public final class RequestBudget {

    private final double perPlayerPerSecond;
    private final double burstPerPlayer;
    private double tokens;
    private long lastNs;

    public RequestBudget(RequestLimit limit, long nowNs) {
        this.perPlayerPerSecond = limit.perPlayerPerSecond();
        this.burstPerPlayer = limit.burstPerPlayer();
        this.tokens = burstPerPlayer;
        this.lastNs = nowNs;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowNs) {
        refill(nowNs);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until a token is back (for {@code Error.retry_after_ms}), at least 1 ms. */
    public long retryAfterMs(long nowNs) {
        refill(nowNs);
        double missing = Math.max(0, 1 - tokens);
        return Math.max(1, (long) Math.ceil(missing * 1000 / perPlayerPerSecond));
    }

    private void refill(long nowNs) {
        long elapsed = nowNs - lastNs;
        if (elapsed > 0) {
            tokens = Math.min(burstPerPlayer, tokens + elapsed / 1e9 * perPlayerPerSecond);
            lastNs = nowNs;
        }
    }

    /** Tokens left now (tests and diagnostics). */
    double tokens(long nowNs) {
        refill(nowNs);
        return tokens;
    }
}
