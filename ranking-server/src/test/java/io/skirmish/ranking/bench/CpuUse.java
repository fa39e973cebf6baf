package io.skirmish.ranking.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time spent by the threads of this JVM by name prefix (the ranking-server's event loops);
 * Redis's own comes from {@link io.skirmish.kit.redis.RedisCpuTime}.
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
}
