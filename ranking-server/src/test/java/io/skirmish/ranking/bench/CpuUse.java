package io.skirmish.ranking.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

import redis.clients.jedis.UnifiedJedis;

/**
 * CPU time spent by the parts of a benchmark run: threads of this JVM by name prefix (the
 * ranking-server's event loops) and the Redis process (its {@code INFO cpu}).
 * Unlike throughput on a shared machine, CPU per query hardly depends on what else runs.
 */
final class CpuUse {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuUse() {
    }

    /** CPU time of this JVM's live threads whose name starts with {@code prefix}, in ns. */
    static long threadsNs(String prefix) {
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                long ns = THREADS.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, ns);
            }
        }
        return total;
    }

    /** CPU time Redis has used since it started (user + system, all its threads), in ns. */
    static long redisNs(UnifiedJedis redis) {
        double seconds = 0;
        for (String line : redis.info("cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return (long) (seconds * 1e9);
    }
}
