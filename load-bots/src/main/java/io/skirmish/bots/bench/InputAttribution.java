package io.skirmish.bots.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One lane's inputs, each split on the client's clock ({@link TickTiming}) into the way in and
 * the way out, so that the excess of input-to-visible over the wait for the tick can be
 * assigned to a side per input, with no stamp on the wire. Per measured input:
 * <ul>
 *   <li>whether it missed the first tick after its send, and if so how long before that tick
 *       it was sent (it was at least that late on the way in);</li>
 *   <li>the reflecting snapshot's delay beyond the quickest snapshot of its match (the way out);</li>
 *   <li>two counterfactual latencies: had the input made its first tick ({@code latency - missed
 *       periods}), and had the snapshot come as quickly as the quickest ({@code latency - delay}).
 *       The side whose removal brings the p99 down to the wait for the tick holds the excess.</li>
 * </ul>
 * And per send bucket, the client's own send lag: from the bucket's stamp (the inputs' send
 * time) to its last datagram handed to the socket.
 *
 * <p>Threads: the {@code record*} methods on the lane's event loop only (single writer); the
 * {@code interval*} methods and counters on the coordinator.
 */
final class InputAttribution {

    private static final long HIGHEST_US = TimeUnit.SECONDS.toMicros(60);
    /** A miss by less than this is the loopback's and the reader's unavoidable transit, not a delay. */
    static final long TRANSIT_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long periodNs;
    private final SingleWriterRecorder snapshotDelay = recorder();
    private final SingleWriterRecorder ifOnTime = recorder();
    private final SingleWriterRecorder ifQuickest = recorder();
    private final SingleWriterRecorder missedBy = recorder();
    private final SingleWriterRecorder sendLag = recorder();
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong missedBeyondTransit = new AtomicLong();
    /** The counters at the coordinator's previous drain. */
    private long drainedMeasured;
    private long drainedMissed;
    private long drainedBeyond;

    InputAttribution(long periodNs) {
        this.periodNs = periodNs;
    }

    /** A recorder of microseconds over the range {@link #micros} clamps to. */
    static SingleWriterRecorder recorder() {
        return new SingleWriterRecorder(1, HIGHEST_US, 3);
    }

    /**
     * Event loop: an input sent at {@code sentNs} first shows in the snapshot of {@code tick},
     * which arrived at {@code arrivalNs}; {@code originNs} is its match's {@link TickTiming} origin.
     */
    void recordInput(long originNs, long sentNs, long tick, long arrivalNs) {
        if (originNs == TickTiming.UNKNOWN) {
            return;
        }
        long firstTick = TickTiming.firstTickAfter(originNs, sentNs, periodNs);
        long missedTicks = Math.max(0, tick - firstTick);
        long latencyNs = arrivalNs - sentNs;
        long delayNs = Math.max(0, arrivalNs - TickTiming.tickNs(originNs, tick, periodNs));
        snapshotDelay.recordValue(micros(delayNs));
        ifOnTime.recordValue(micros(latencyNs - missedTicks * periodNs));
        ifQuickest.recordValue(micros(latencyNs - delayNs));
        measured.lazySet(measured.get() + 1);
        if (missedTicks > 0) {
            long sentBeforeTickNs = TickTiming.tickNs(originNs, firstTick, periodNs) - sentNs;
            missedBy.recordValue(micros(sentBeforeTickNs));
            missed.lazySet(missed.get() + 1);
            if (sentBeforeTickNs >= TRANSIT_NS) {
                missedBeyondTransit.lazySet(missedBeyondTransit.get() + 1);
            }
        }
    }

    /** Event loop: a send bucket stamped {@code stampNs} handed its last datagram to the socket at {@code doneNs}. */
    void recordSendLag(long stampNs, long doneNs) {
        sendLag.recordValue(micros(doneNs - stampNs));
    }

    /** A duration as a recordable value: microseconds, clamped to the histograms' range. */
    static long micros(long ns) {
        return Math.min(HIGHEST_US, Math.max(1, ns / 1_000));
    }

    /** Coordinator: adds this lane's figures since the previous call to {@code window} (null: discard). */
    void drainInto(Window window) {
        Histogram delay = snapshotDelay.getIntervalHistogram();
        Histogram onTime = ifOnTime.getIntervalHistogram();
        Histogram quickest = ifQuickest.getIntervalHistogram();
        Histogram by = missedBy.getIntervalHistogram();
        Histogram lag = sendLag.getIntervalHistogram();
        long measuredNow = measured.get();
        long missedNow = missed.get();
        long beyondNow = missedBeyondTransit.get();
        if (window != null) {
            window.snapshotDelay.add(delay);
            window.ifOnTime.add(onTime);
            window.ifQuickest.add(quickest);
            window.missedBy.add(by);
            window.sendLag.add(lag);
            window.measured += measuredNow - drainedMeasured;
            window.missed += missedNow - drainedMissed;
            window.missedBeyondTransit += beyondNow - drainedBeyond;
        }
        drainedMeasured = measuredNow;
        drainedMissed = missedNow;
        drainedBeyond = beyondNow;
    }

    /** Every lane's figures over a measurement window (coordinator thread). */
    static final class Window {
        final Histogram snapshotDelay = histogram();
        final Histogram ifOnTime = histogram();
        final Histogram ifQuickest = histogram();
        final Histogram missedBy = histogram();
        final Histogram sendLag = histogram();
        long measured;
        long missed;
        long missedBeyondTransit;

        private static Histogram histogram() {
            return new Histogram(1, HIGHEST_US, 3);
        }

        /** The window's figures; NaN where nothing was measured. */
        ClientSplit split() {
            return new ClientSplit(share(missed), share(missedBeyondTransit), ms(missedBy, 50), ms(missedBy, 99),
                    ms(snapshotDelay, 50), ms(snapshotDelay, 99), ms(ifOnTime, 99), ms(ifQuickest, 99),
                    ms(sendLag, 99));
        }

        private double share(long count) {
            return measured == 0 ? Double.NaN : (double) count / measured;
        }

        private static double ms(Histogram micros, double percentile) {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
