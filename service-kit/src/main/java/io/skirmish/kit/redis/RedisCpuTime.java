package io.skirmish.kit.redis;

import redis.clients.jedis.UnifiedJedis;

/**
 * CPU time a Redis server has used since it started: {@code used_cpu_user + used_cpu_sys} of its
 * {@code INFO cpu} section (all its threads). Benchmarks and the swarm's probes read it before and
 * after a run, so Redis's share of a shared machine's cores shows next to the servers'.
 */
public final class RedisCpuTime {

    private RedisCpuTime() {
    }

    /** Asks the server for {@code INFO cpu}; returns its user + system CPU time in nanoseconds. */
    public static long usedNanos(UnifiedJedis redis) {
        return parseNanos(redis.info("cpu"));
    }

    /**
     * User + system CPU time in an {@code INFO cpu} reply, in nanoseconds.
     *
     * @throws IllegalArgumentException when either field is missing or not a number
     */
    public static long parseNanos(String info) {
        return Math.round((seconds(info, "used_cpu_user") + seconds(info, "used_cpu_sys")) * 1e9);
    }

    private static double seconds(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                String value = line.substring(field.length() + 1).trim();
                try {
                    return Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("INFO cpu: " + field + " is not a number: " + value, e);
                }
            }
        }
        throw new IllegalArgumentException("INFO cpu has no " + field);
    }
}
