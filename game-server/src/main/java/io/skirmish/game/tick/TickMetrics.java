package io.skirmish.game.tick;

import java.util.List;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;

/**
 * Publishes the tick agents' own measurements to Micrometer, from the metrics thread, so the
 * tick path never calls Micrometer: tick duration percentiles over the last sampling interval,
 * overruns, skipped ticks, snapshots, and the tick headroom the registry advertises to the
 * allocator (1 - p99 / tick budget), and where inputs spend their time in the server
 * ({@link ResidenceStats}: {@code game.latency.stage} by stage, p50 / p99 / max of the last second).
 *
 * <p>{@link #sample()} is called by one thread (a scheduler, once a second); gauges read the
 * values it published.
 */
public final class TickMetrics {

    private final List<TickLane> lanes;
    private final long tickBudgetNs;
    private final Histogram interval = new Histogram(10_000_000_000L, 3);
    private final Histogram sinceStart = new Histogram(10_000_000_000L, 3);
    private final Histogram lateness = new Histogram(10_000_000_000L, 3);
    /** Per lane: a recorder only takes back histograms it handed out itself. */
    private final Histogram[] recycle;
    private final Histogram[] recycleLateness;
    private static final ResidenceStats.Stage[] STAGES = ResidenceStats.Stage.values();
    private final Histogram stage = new Histogram(10_000_000_000L, 3);
    /** By lane, then stage. */
    private final Histogram[][] recycleStages;
    /** By stage: p50, p99, max of the last second, in seconds. */
    private final double[][] stageSeconds = new double[STAGES.length][3];
    private volatile double latenessP99Seconds;
    private volatile double p50Seconds;
    private volatile double p99Seconds;
    private volatile double maxSeconds;
    private volatile double headroom = 1.0;

    public TickMetrics(List<TickLane> lanes, int tickRateHz) {
        this.lanes = List.copyOf(lanes);
        this.tickBudgetNs = 1_000_000_000L / tickRateHz;
        this.recycle = new Histogram[lanes.size()];
        this.recycleLateness = new Histogram[lanes.size()];
        this.recycleStages = new Histogram[lanes.size()][STAGES.length];
    }

    public TickMetrics bindTo(MeterRegistry registry) {
        Gauge.builder("game.tick.duration", () -> p50Seconds).tag("percentile", "50").baseUnit("seconds")
                .description("tick duration over the last second").register(registry);
        Gauge.builder("game.tick.duration", () -> p99Seconds).tag("percentile", "99").baseUnit("seconds")
                .register(registry);
        Gauge.builder("game.tick.duration", () -> maxSeconds).tag("percentile", "max").baseUnit("seconds")
                .register(registry);
        Gauge.builder("game.tick.lateness", () -> latenessP99Seconds).tag("percentile", "99").baseUnit("seconds")
                .description("how late ticks started after their due time (jitter), last second").register(registry);
        Gauge.builder("game.tick.headroom", () -> headroom)
                .description("1 - tick p99 / tick budget over the last second").register(registry);
        for (ResidenceStats.Stage each : STAGES) {
            String[] percentiles = {"50", "99", "max"};
            for (int p = 0; p < percentiles.length; p++) {
                int column = p;
                Gauge.builder("game.latency.stage", () -> stageSeconds(each, column)).tag("stage", each.tag())
                        .tag("percentile", percentiles[p]).baseUnit("seconds")
                        .description("where inputs spend their time in the server, by stage, last second")
                        .register(registry);
            }
        }
        counter(registry, "game.ticks", TickStats::ticks, "ticks run");
        counter(registry, "game.tick.overruns", TickStats::overruns, "ticks not finished when the next was due");
        counter(registry, "game.tick.skipped", TickStats::skippedTicks, "ticks skipped beyond the catch-up cap");
        counter(registry, "game.snapshots.sent", TickStats::snapshots, "snapshots encoded and handed to the network");
        counter(registry, "game.snapshots.dropped", TickStats::snapshotsDropped, "snapshots lost to a full buffer");
        counter(registry, "game.tick.stale.messages", TickStats::staleMessages, "inputs for ended matches");
        counter(registry, "game.events.dropped", TickStats::eventsDropped,
                "gameplay events lost because the publisher's buffer was full");
        Gauge.builder("game.matches", () -> sum(TickStats::matches)).register(registry);
        return this;
    }

    private void counter(MeterRegistry registry, String name, ToLongFunction<TickStats> value, String description) {
        FunctionCounter.builder(name, this, metrics -> metrics.sum(value)).description(description)
                .register(registry);
    }

    /** Collects the last interval from every agent and updates the published figures. */
    public synchronized void sample() {
        interval.reset();
        lateness.reset();
        for (int i = 0; i < lanes.size(); i++) {
            TickStats stats = lanes.get(i).stats();
            recycle[i] = stats.intervalTickDurations(recycle[i]);
            interval.add(recycle[i]);
            recycleLateness[i] = stats.intervalTickLateness(recycleLateness[i]);
            lateness.add(recycleLateness[i]);
        }
        sampleStages();
        if (lateness.getTotalCount() > 0) {
            latenessP99Seconds = lateness.getValueAtPercentile(99) / 1e9;
        }
        sinceStart.add(interval);
        if (interval.getTotalCount() == 0) {
            return;
        }
        p50Seconds = interval.getValueAtPercentile(50) / 1e9;
        long p99 = interval.getValueAtPercentile(99);
        p99Seconds = p99 / 1e9;
        maxSeconds = interval.getMaxValue() / 1e9;
        headroom = Math.max(0.0, 1.0 - (double) p99 / tickBudgetNs);
    }

    private void sampleStages() {
        for (ResidenceStats.Stage each : STAGES) {
            stage.reset();
            for (int i = 0; i < lanes.size(); i++) {
                recycleStages[i][each.ordinal()] = lanes.get(i).residence().interval(each, recycleStages[i][each.ordinal()]);
                stage.add(recycleStages[i][each.ordinal()]);
            }
            if (stage.getTotalCount() > 0) {
                double[] published = stageSeconds[each.ordinal()];
                published[0] = stage.getValueAtPercentile(50) / 1e9;
                published[1] = stage.getValueAtPercentile(99) / 1e9;
                published[2] = stage.getMaxValue() / 1e9;
            }
        }
    }

    /** A stage's p50 (column 0), p99 (1) or max (2) of the last sampled second, in seconds. */
    synchronized double stageSeconds(ResidenceStats.Stage each, int column) {
        return stageSeconds[each.ordinal()][column];
    }

    /** Not-ready reason when the tick p99 of the last second exceeded its budget, else null. */
    public String overBudgetReason() {
        return headroom <= 0.0 ? "tick p99 over budget" : null;
    }

    public double headroom() {
        return headroom;
    }

    /** Tick durations since start, for reports (a copy). */
    public synchronized Histogram sinceStart() {
        return sinceStart.copy();
    }

    long sum(ToLongFunction<TickStats> value) {
        long total = 0;
        for (TickLane lane : lanes) {
            total += value.applyAsLong(lane.stats());
        }
        return total;
    }
}
