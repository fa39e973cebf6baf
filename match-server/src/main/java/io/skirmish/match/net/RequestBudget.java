package io.skirmish.match.net;

/**
 * A token bucket on one connection's requests. Each player the connection speaks for brings
 * {@code burstPerPlayer} tokens of capacity and refills {@code perPlayerPerSecond} tokens a
 * second (a connection without players counts as one), so a bot driver or party client that
 * speaks for many players gets a budget in proportion, and the cap on players per connection
 * bounds the whole. A player's login brings its share at once, so logging in many players in a
 * burst never runs dry. Pure: the caller passes the monotonic time; one thread (the connection's
 * event loop).
 */
public final class RequestBudget {

    private final double perPlayerPerSecond;
    private final double burstPerPlayer;
    private int players = 1;
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
        return Math.max(1, (long) Math.ceil(missing * 1000 / (perPlayerPerSecond * players)));
    }

    /** The connection now speaks for {@code count} players (it never shrinks while the connection lives). */
    public void players(int count, long nowNs) {
        refill(nowNs);
        int grown = Math.max(count, 1) - players;
        if (grown > 0) {
            players += grown;
            tokens += grown * burstPerPlayer;
        }
    }

    private void refill(long nowNs) {
        long elapsed = nowNs - lastNs;
        if (elapsed > 0) {
            tokens = Math.min(burstPerPlayer * players, tokens + elapsed / 1e9 * perPlayerPerSecond * players);
            lastNs = nowNs;
        }
    }

    /** Tokens left now (tests and diagnostics). */
    double tokens(long nowNs) {
        refill(nowNs);
        return tokens;
    }
}
