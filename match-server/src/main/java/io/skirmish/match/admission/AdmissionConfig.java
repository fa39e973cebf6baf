package io.skirmish.match.admission;

import io.skirmish.kit.config.ConfigException;

import java.time.Duration;

/**
 * How the request front door sheds overload.
 *
 * @param shedLoginsAbove wait of the oldest queued request above which new logins are refused
 *                        with {@code SERVER_BUSY}, in proportion to the excess ({@link LoginShedding})
 * @param maxQueueWait    a request that waited longer for a worker or a join batch is refused with
 *                        {@code SERVER_BUSY} before any Redis work ({@link RequestWorkers})
 */
public record AdmissionConfig(Duration shedLoginsAbove, Duration maxQueueWait) {

    /** The defaults of {@code --shed-logins-above} and {@code --max-queue-wait}. */
    public static final AdmissionConfig DEFAULTS = new AdmissionConfig(Duration.ofSeconds(1), Duration.ofSeconds(5));

    public AdmissionConfig {
        if (shedLoginsAbove == null || shedLoginsAbove.isNegative() || shedLoginsAbove.isZero()) {
            throw new ConfigException("shed-logins-above", shedLoginsAbove, "a positive duration");
        }
        if (maxQueueWait == null || maxQueueWait.compareTo(shedLoginsAbove) <= 0) {
            throw new ConfigException("max-queue-wait", maxQueueWait,
                    "a duration longer than --shed-logins-above (" + shedLoginsAbove + ")");
        }
    }
}
