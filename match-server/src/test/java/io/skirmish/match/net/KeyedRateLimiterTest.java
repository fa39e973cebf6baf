package io.skirmish.match.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedRateLimiterTest {

    private static final long MS = 1_000_000;

    private static int takeAll(KeyedRateLimiter limiter, String key, long nowNs) {
        int taken = 0;
        while (limiter.tryTake(key, nowNs)) {
            taken++;
        }
        return taken;
    }

    @Test
    void eachKeyHasItsOwnBurstAndRefill() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(RequestLimit.parse("10:3"), 100);
        assertThat(takeAll(limiter, "10.0.0.1", 0)).isEqualTo(3);
        assertThat(takeAll(limiter, "10.0.0.2", 0)).as("another address is not affected").isEqualTo(3);
        assertThat(takeAll(limiter, "10.0.0.1", 100 * MS)).isEqualTo(1);
        assertThat(takeAll(limiter, "10.0.0.1", 10_000 * MS)).as("never more than the burst").isEqualTo(3);
        assertThat(limiter.retryAfterMs()).isEqualTo(100);
    }

    @Test
    void remembersABoundedNumberOfKeys() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(RequestLimit.parse("1:1"), 2);
        assertThat(limiter.tryTake("a", 0)).isTrue();
        assertThat(limiter.tryTake("a", 0)).isFalse();
        limiter.tryTake("b", 0);
        limiter.tryTake("c", 0); // pushes out "a", the least recently used
        assertThat(limiter.tryTake("a", 0)).as("a forgotten key starts full").isTrue();
    }

    @Test
    void offLetsEverythingThrough() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(RequestLimit.OFF, 1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryTake("x" + i, 0)).isTrue();
        }
    }

    @Test
    void inFlightSlotsAreBoundedAndGivenBack() {
        InFlightLimit limit = new InFlightLimit(2);
        assertThat(limit.tryEnter()).isTrue();
        assertThat(limit.tryEnter()).isTrue();
        assertThat(limit.tryEnter()).isFalse();
        limit.exit();
        assertThat(limit.tryEnter()).isTrue();
        assertThat(limit.current()).isEqualTo(2);
    }
}
