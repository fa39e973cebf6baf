package io.skirmish.bots.metrics;

import java.util.Map;

import redis.clients.jedis.UnifiedJedis;

/** Redis's own CPU time ({@code INFO cpu}: used_cpu_user + used_cpu_sys, in seconds). */
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
            String info = redis.info("cpu");
            return new Sample((long) ((field(info, "used_cpu_user") + field(info, "used_cpu_sys")) * 1e9), Map.of());
        } catch (RuntimeException e) {
            return Sample.unavailable();
        }
    }

    static double field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalArgumentException("INFO has no " + name);
    }
}
