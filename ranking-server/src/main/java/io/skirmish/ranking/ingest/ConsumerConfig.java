package io.skirmish.ranking.ingest;

import java.time.Duration;

import io.skirmish.kit.config.Checks;

/**
 * How the results consumer reads {@code skirmish:results}.
 *
 * @param group          consumer group shared by every ranking-server instance
 * @param consumerName   this instance's name in the group (unique per process)
 * @param batchSize      most entries read (and applied in one pipelined round trip) at once
 * @param block          how long one XREADGROUP waits for new entries (below the Redis socket timeout)
 * @param claimIdle      an entry pending this long on another consumer is taken over (XAUTOCLAIM)
 * @param claimInterval  how often pending entries are checked for claiming
 * @param appliedTtl     how long a match's idempotency key is kept: redeliveries later than
 *                       this would apply again, so it must exceed any redelivery delay
 * @param maxAttempts    read-rate-commit rounds per batch before a contended result is left pending
 * @param maxDeliveries  deliveries of one result (the first read plus each claim) after which a
 *                       result that is still left pending goes to the dead letters instead
 */
public record ConsumerConfig(String group, String consumerName, int batchSize, Duration block, Duration claimIdle,
                             Duration claimInterval, Duration appliedTtl, int maxAttempts, int maxDeliveries) {

    public static final int DEFAULT_MAX_DELIVERIES = 10;

    public ConsumerConfig {
        Checks.notBlank("group", group);
        Checks.notBlank("consumer-name", consumerName);
        Checks.inRange("batch-size", batchSize, 1, 1_000);
        Checks.positive("block", block);
        Checks.inRange("block", block.toMillis(), 1, 1_500);
        Checks.positive("claim-idle", claimIdle);
        Checks.positive("claim-interval", claimInterval);
        Checks.positive("applied-ttl", appliedTtl);
        Checks.inRange("max-attempts", maxAttempts, 1, 1_000);
        Checks.inRange("max-deliveries", maxDeliveries, 1, 1_000);
    }

    public static ConsumerConfig defaults(String consumerName) {
        return new ConsumerConfig("ranking", consumerName, 128, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofDays(14), 20, DEFAULT_MAX_DELIVERIES);
    }

    public ConsumerConfig withClaimIdle(Duration idle, Duration interval) {
        return new ConsumerConfig(group, consumerName, batchSize, block, idle, interval, appliedTtl, maxAttempts,
                maxDeliveries);
    }

    public ConsumerConfig withName(String name) {
        return new ConsumerConfig(group, name, batchSize, block, claimIdle, claimInterval, appliedTtl, maxAttempts,
                maxDeliveries);
    }

    public ConsumerConfig withMaxDeliveries(int deliveries) {
        return new ConsumerConfig(group, consumerName, batchSize, block, claimIdle, claimInterval, appliedTtl, maxAttempts,
                deliveries);
    }

    public ConsumerConfig withBatchSize(int size) {
        return new ConsumerConfig(group, consumerName, size, block, claimIdle, claimInterval, appliedTtl, maxAttempts,
                maxDeliveries);
    }
}
