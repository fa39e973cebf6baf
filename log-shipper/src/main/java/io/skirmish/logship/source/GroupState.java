package io.skirmish.logship.source;

/**
 * How far behind the consumer group is.
 *
 * @param undelivered       entries appended and not yet read by any consumer of the group (XINFO GROUPS
 *                          {@code lag}); -1 when Redis cannot tell (entries deleted from the middle)
 * @param pending           entries read and not yet acknowledged, by all consumers of the group
 * @param oldestUnackedAgeMs age (append time to now) of the oldest entry the group has not acknowledged,
 *                          0 when none
 * @param consumers         consumers known to the group, live or dead
 */
public record GroupState(long undelivered, long pending, long oldestUnackedAgeMs, long consumers) {
}
