package io.skirmish.bots.metrics;

import java.util.Map;

import io.skirmish.kit.redis.RedisCpuTime;
import redis.clients.jedis.UnifiedJedis;

/** Redis's own CPU time, as {@link RedisCpuTime} reads it from {@code INFO cpu}. */
public final class RedisProbe implements ServiceProbe {

    private final UnifiedJedis redis;

    public RedisProbe(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Sample sample() {
        try {
            return new Sample(RedisCpuTime.usedNanos(redis), Map.of());
        } catch (RuntimeException e) {
            return Sample.unavailable();
        }
    }
}
