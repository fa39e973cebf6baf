package io.skirmish.faults;

/**
 * The faults a link injects, one value at a time (a link switches between profiles at run time).
 *
 * <p>On UDP every fault applies per datagram. On TCP only latency, jitter and loss have a meaning
 * a peer can see: a real network's reordering and duplication are hidden by TCP itself, and a lost
 * segment shows as a retransmission delay that stalls every byte behind it (head-of-line blocking),
 * which is what {@link StreamPacer} reproduces.
 *
 * @param latencyMs      one-way delay added to everything
 * @param jitterMs       a uniform extra delay in {@code [-jitterMs, +jitterMs]} (never below zero in total)
 * @param lossRate       share of datagrams dropped (TCP: of chunks delayed by a retransmission)
 * @param reorderRate    share of datagrams held back so that later ones overtake them
 * @param duplicateRate  share of datagrams delivered twice
 * @param partitioned    nothing crosses: datagrams are dropped, TCP bytes wait until the partition heals
 */
public record FaultProfile(long latencyMs, long jitterMs, double lossRate, double reorderRate,
                           double duplicateRate, boolean partitioned) {

    /** A clean link. */
    public static final FaultProfile NONE = new FaultProfile(0, 0, 0, 0, 0, false);

    /** Extra hold of a reordered datagram beyond its own delay and twice the jitter: long enough to be overtaken. */
    static final long REORDER_HOLD_MIN_MS = 10;

    /** What a lost TCP segment costs: Linux's minimum retransmission timeout. */
    static final long TCP_RETRANSMIT_MS = 200;

    public FaultProfile {
        if (latencyMs < 0 || latencyMs > 60_000) {
            throw new IllegalArgumentException("latencyMs must be in 0..60000: " + latencyMs);
        }
        if (jitterMs < 0 || jitterMs > 60_000) {
            throw new IllegalArgumentException("jitterMs must be in 0..60000: " + jitterMs);
        }
        rate("lossRate", lossRate);
        rate("reorderRate", reorderRate);
        rate("duplicateRate", duplicateRate);
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in 0..1: " + value);
        }
    }

    public FaultProfile withLatency(long latencyMs, long jitterMs) {
        return new FaultProfile(latencyMs, jitterMs, lossRate, reorderRate, duplicateRate, partitioned);
    }

    public FaultProfile withLoss(double lossRate) {
        return new FaultProfile(latencyMs, jitterMs, lossRate, reorderRate, duplicateRate, partitioned);
    }

    public FaultProfile withReorder(double reorderRate) {
        return new FaultProfile(latencyMs, jitterMs, lossRate, reorderRate, duplicateRate, partitioned);
    }

    public FaultProfile withDuplicates(double duplicateRate) {
        return new FaultProfile(latencyMs, jitterMs, lossRate, reorderRate, duplicateRate, partitioned);
    }

    public FaultProfile withPartition(boolean partitioned) {
        return new FaultProfile(latencyMs, jitterMs, lossRate, reorderRate, duplicateRate, partitioned);
    }

    /** How a drill report names it, e.g. {@code 50±20ms loss 5% dup 1%}. */
    @Override
    public String toString() {
        if (partitioned) {
            return "partition";
        }
        StringBuilder text = new StringBuilder();
        if (latencyMs > 0 || jitterMs > 0) {
            text.append(latencyMs).append(jitterMs > 0 ? "±" + jitterMs : "").append("ms");
        }
        percent(text, "loss", lossRate);
        percent(text, "reorder", reorderRate);
        percent(text, "dup", duplicateRate);
        return text.isEmpty() ? "clean" : text.toString();
    }

    private static void percent(StringBuilder text, String name, double rate) {
        if (rate > 0) {
            text.append(text.isEmpty() ? "" : " ").append(name).append(' ')
                    .append(rate * 100 == Math.rint(rate * 100) ? Long.toString(Math.round(rate * 100))
                            : Double.toString(rate * 100)).append('%');
        }
    }
}
