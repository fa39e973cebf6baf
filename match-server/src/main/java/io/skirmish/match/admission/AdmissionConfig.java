package io.skirmish.match.admission;

import io.skirmish.kit.config.ConfigException;

import java.time.Duration;

/**
 * How requests wait at the front door: how joins are gathered into batches and how overload is
 * shed.
 *
 * @param shedLoginsAbove how long the request queues may stand ({@link RequestWorkers#standingNs})
 *                        before new logins are refused with {@code SERVER_BUSY}, in proportion to
 *                        the excess ({@link LoginShedding})
 * @param maxQueueWait    a request that waited longer for a worker or a join batch is refused with
 *                        {@code SERVER_BUSY} before any Redis work ({@link RequestWorkers})
 * @param joinLinger      how long a join may wait for others to share its batch's Redis calls
 *                        ({@code JoinBatcher}); zero writes each join as soon as a thread is free
 */
public record AdmissionConfig(Duration shedLoginsAbove, Duration maxQueueWait, Duration joinLinger) {

    /** The defaults of {@code --shed-logins-above}, {@code --max-queue-wait} and {@code --join-linger}. */
    public static final AdmissionConfig DEFAULTS = new AdmissionConfig(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofMillis(20));

    public AdmissionConfig {
        if (shedLoginsAbove == null || shedLoginsAbove.isNegative() || shedLoginsAbove.isZero()) {
            throw new ConfigException("shed-logins-above", shedLoginsAbove, "a positive duration");
        }
        if (maxQueueWait == null || maxQueueWait.compareTo(shedLoginsAbove) <= 0) {
            throw new ConfigException("max-queue-wait", maxQueueWait,
                    "a duration longer than --shed-logins-above (" + shedLoginsAbove + ")");
        }
        if (joinLinger == null || joinLinger.isNegative() || joinLinger.compareTo(shedLoginsAbove) >= 0) {
            throw new ConfigException("join-linger", joinLinger,
                    "0 or a duration shorter than --shed-logins-above (" + shedLoginsAbove + ")");
        }
    }
}
