package io.skirmish.bots.swarm;

/**
 * The part of a run the figures describe: from the end of the warm-up to the moment bots stop
 * queueing. Before it, every process is still compiling its hot paths; after it, the drain runs
 * with fewer and fewer bots. Rates are counted over it, latencies sampled in it, and the
 * services' CPU measured over it. Used by the swarm's reporting thread only, once per interval.
 */
final class MeasuredWindow {

    private final long fromNs;
    private final long untilNs;
    private final SwarmStats stats;
    private final ServiceSampler services;
    private boolean open;
    private boolean closed;
    private long openedNs;
    private long closedNs;
    private Counts atOpen;
    private Counts atClose;

    /** The totals rates are taken from, at one instant. */
    private record Counts(long matches, long inputs, long snapshots) {
    }

    /**
     * @param fromNs  when the warm-up ends; the window opens at the first interval end from then
     * @param untilNs when queueing stops; the window closes at the first interval end from then
     * @param nowNs   now, just after the first service sample (a run without warm-up opens here)
     */
    MeasuredWindow(long fromNs, long untilNs, long nowNs, SwarmStats stats, ServiceSampler services) {
        this.fromNs = fromNs;
        this.untilNs = untilNs;
        this.stats = stats;
        this.services = services;
        if (nowNs >= fromNs) {
            open(nowNs);
        }
    }

    /** Whether the interval ending now counts; ask before {@link #afterSample}. */
    boolean isOpen() {
        return open && !closed;
    }

    /** After an interval's service sample: opens or closes the window at this interval end. */
    void afterSample(long nowNs) {
        if (!open && nowNs >= fromNs) {
            open(nowNs);
        } else if (open && !closed && nowNs >= untilNs) {
            closed = true;
            closedNs = nowNs;
            atClose = counts();
            services.endWindow();
        }
    }

    private void open(long nowNs) {
        open = true;
        openedNs = nowNs;
        atOpen = counts();
        services.startWindow();
    }

    double seconds() {
        return closed ? (closedNs - openedNs) / 1e9 : Double.NaN;
    }

    double matchesPerSecond() {
        return rate(atClose == null ? 0 : atClose.matches() - atOpen.matches());
    }

    double inputsPerSecond() {
        return rate(atClose == null ? 0 : atClose.inputs() - atOpen.inputs());
    }

    double snapshotsPerSecond() {
        return rate(atClose == null ? 0 : atClose.snapshots() - atOpen.snapshots());
    }

    private double rate(long delta) {
        return closed && closedNs > openedNs ? delta / seconds() : Double.NaN;
    }

    private Counts counts() {
        return new Counts(stats.matchesCompleted(), stats.inputsSent.sum(), stats.snapshotsReceived.sum());
    }
}
