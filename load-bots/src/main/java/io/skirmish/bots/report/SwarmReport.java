package io.skirmish.bots.report;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one swarm run, as the JSON and HTML reports show it.
 *
 * @param settings     the run's settings as label to value, in display order
 * @param totals       counts and rates over the run (matches, inputs, errors, ...), in display order
 * @param timeToMatchByGroup time to match per ticket group ({@link TimeToMatchSplit#GROUPS} order)
 * @param errorsByKind backend errors as bots saw them, by kind
 * @param errorExamples the first detail seen of each kind
 */
public record SwarmReport(
        String title,
        String startedAt,
        String machine,
        String command,
        double durationSeconds,
        Map<String, String> settings,
        Map<String, Double> totals,
        Percentiles rtt,
        Percentiles timeToMatch,
        Map<String, Percentiles> timeToMatchByGroup,
        Percentiles rankUpdate,
        Map<String, Long> errorsByKind,
        Map<String, String> errorExamples,
        List<TimelineSample> timeline,
        List<ServiceFigures> services,
        List<SloResult> slos) {

    public boolean slosMet() {
        return slos.stream().allMatch(SloResult::met);
    }
}
