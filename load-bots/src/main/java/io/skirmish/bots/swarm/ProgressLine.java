package io.skirmish.bots.swarm;

import java.util.Locale;

import io.skirmish.bots.report.Figures;
import io.skirmish.bots.report.TimelineSample;

/**
 * The one-line live status of a run, printed every interval; "connected" counts bots logged in
 * and not stopped. Pure formatting.
 */
final class ProgressLine {

    private ProgressLine() {
    }

    static String format(TimelineSample s, int bots, double matchesPerSecond, long errorsTotal, boolean draining) {
        return String.format(Locale.ROOT,
                "[%5.0fs]%s bots %d | connected %d queued %d in-match %d ranking %d | matches %d (%.1f/s) | "
                        + "inputs %s/s snapshots %s/s | rtt p50 %s p99 %s ms | ttm p99 %s ms | errors %d",
                s.atSeconds(), draining ? " draining," : "", bots, bots - s.starting() - s.stopped(), s.queued(),
                s.inMatch(), s.ranking(),
                s.matchesCompleted(), matchesPerSecond, Figures.count(s.inputsPerSecond()),
                Figures.count(s.snapshotsPerSecond()), Figures.format(s.rttP50Ms()), Figures.format(s.rttP99Ms()),
                Figures.format(s.timeToMatchP99Ms()), errorsTotal);
    }
}
