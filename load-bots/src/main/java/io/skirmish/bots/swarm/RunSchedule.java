package io.skirmish.bots.swarm;

import java.time.Duration;

import io.skirmish.kit.config.Checks;
import io.skirmish.kit.config.ConfigException;

/**
 * When a swarm run starts bots, measures and stops; validated together because each phase is
 * bounded by the run's duration.
 *
 * @param rampUp       time over which the bots start, evenly spread
 * @param duration     how long bots keep queueing (ramp-up included)
 * @param warmup       the start of the run left out of the figures (JIT compilation of every
 *                     process, ramp-up); the figures cover warm-up end to the end of queueing
 * @param drainTimeout after the duration, how long matches in progress may take to finish
 */
public record RunSchedule(Duration rampUp, Duration duration, Duration warmup, Duration drainTimeout) {

    public RunSchedule {
        Checks.notNull("ramp-up", rampUp);
        Checks.positive("duration", duration);
        Checks.notNull("warmup", warmup);
        if (warmup.isNegative() || warmup.compareTo(duration) >= 0) {
            throw new ConfigException("warmup", warmup, "must be at least 0 and shorter than --duration (" + duration + ")");
        }
        Checks.notNull("drain-timeout", drainTimeout);
        if (rampUp.compareTo(duration) > 0) {
            throw new ConfigException("ramp-up", rampUp, "must not be longer than --duration (" + duration + ")");
        }
    }
}
