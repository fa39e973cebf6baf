package io.skirmish.logship.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.skirmish.kit.redis.RedisCpuTime;
import io.skirmish.logship.it.SearchClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * CPU time spent by the three processes of a benchmark run (this JVM, which runs the loader or the
 * shipper; Elasticsearch; redis-server), so a run can say where the machine's cores went and not
 * only how long it took. On a shared 2-core machine the shipper's own CPU and Redis's come out of
 * what Elasticsearch could have used, so these numbers explain a ratio that wall time alone cannot.
 */
record CpuUse(long clientMs, long elasticsearchMs, long redisMs) {

    static CpuUse now(SearchClient search, UnifiedJedis redis) throws Exception {
        long client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        long elasticsearch = 0;
        for (JsonNode node : search.call("GET", "/_nodes/stats/process", null).path("nodes")) {
            elasticsearch += node.path("process").path("cpu").path("total_in_millis").asLong();
        }
        return new CpuUse(client, elasticsearch, RedisCpuTime.usedNanos(redis) / 1_000_000);
    }

    CpuUse since(CpuUse start) {
        return new CpuUse(clientMs - start.clientMs, elasticsearchMs - start.elasticsearchMs, redisMs - start.redisMs);
    }

    /** Per 1,000 documents, and how busy the cores were: {@code cores} = CPU seconds per wall second. */
    String describe(long docs, double wallSeconds) {
        double per = 1000.0 / docs;
        return String.format(Locale.ROOT, "cpu ms/1000 docs: client %.0f, elasticsearch %.0f, redis %.0f; cores busy %.2f",
                clientMs * per, elasticsearchMs * per, redisMs * per,
                (clientMs + elasticsearchMs + redisMs) / 1000.0 / wallSeconds);
    }
}
