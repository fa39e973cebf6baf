package io.skirmish.e2e;

/** What Redis the reliability count runs on. */
enum RedisTopology {
    /** One node with its append-only file, behind the fault proxies (the count's default). */
    SINGLE,
    /** A Redis Cluster, 3 masters with one replica each, reached directly. */
    CLUSTER;

    /** {@code single} or {@code cluster}, as {@code bench/reliability-count.sh --redis} takes it. */
    static RedisTopology parse(String name) {
        return switch (name) {
            case "single" -> SINGLE;
            case "cluster" -> CLUSTER;
            default -> throw new IllegalArgumentException("--redis must be single or cluster: " + name);
        };
    }
}
