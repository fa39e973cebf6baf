package io.skirmish.bots.report;

/** One threshold checked at the end of a run. */
public record SloResult(Slo slo, double actual, boolean met) {
}
