package io.skirmish.match.net;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key (a source address, an account): each key may take {@code burst} at once
 * and {@code perSecond} sustained. The map keeps the {@code maxKeys} most recently used keys; a
 * key pushed out starts again with a full bucket, so the bound costs at most one extra burst to a
 * key that an attacker evicted by cycling through more keys than that. Pure apart from the lock:
 * callers pass the monotonic time. Thread-safe (one lock; each call is a map look-up).
 */
public final class KeyedRateLimiter {

    private final double perSecond;
    private final double burst;
    private final Map<String, double[]> buckets;

    /** {@link RequestLimit#OFF} makes every {@link #tryTake} succeed. */
    public KeyedRateLimiter(RequestLimit limit, int maxKeys) {
        this.perSecond = limit.perPlayerPerSecond();
        this.burst = limit.burstPerPlayer();
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes one token from {@code key}'s bucket if it has one. */
    public boolean tryTake(String key, long nowNs) {
        if (Double.isInfinite(perSecond)) {
            return true;
        }
        synchronized (buckets) {
            // [0] tokens, [1] last refill (ns, as a double: exact to well below a microsecond for decades of uptime)
            double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, nowNs});
            double elapsedS = (nowNs - bucket[1]) / 1e9;
            if (elapsedS > 0) {
                bucket[0] = Math.min(burst, bucket[0] + elapsedS * perSecond);
                bucket[1] = nowNs;
            }
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                return true;
            }
            return false;
        }
    }

    /** Suggested wait before the next attempt (for {@code Error.retry_after_ms}). */
    public long retryAfterMs() {
        return Double.isInfinite(perSecond) ? 0 : Math.max(1, (long) Math.ceil(1000 / perSecond));
    }
}
