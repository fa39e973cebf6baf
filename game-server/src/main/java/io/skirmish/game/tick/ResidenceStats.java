package io.skirmish.game.tick;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Where an input spends its time inside the server, in stages, so that the input-to-visible
 * latency the clients see can be split into the server's part and the rest (client loops,
 * kernel, loopback). Each stage is an HdrHistogram recorder (recording allocates nothing) with
 * exactly one writing thread, read by the metrics thread like {@link TickStats}:
 * <ul>
 *   <li>{@link Stage#INPUT_TO_TICK}, tick agent: an input's datagram read by a UDP thread to the
 *       start of the tick that applied it (the wait for the match's phase, uniform over a tick
 *       period for unsynchronised clients, plus decryption and the hand-off);</li>
 *   <li>{@link Stage#SENDER_WAKE}, snapshot sender: a phase's snapshots published to the sender
 *       reaching them (the sender thread's wake-up and whatever ran before it);</li>
 *   <li>{@link Stage#TICK_TO_SOCKET}, snapshot sender: a phase's tick start to each of its
 *       snapshots handed to the socket (step, encode, wake-up, sealing and {@code sendto} of
 *       the snapshots before it);</li>
 *   <li>{@link Stage#INPUT_TO_SOCKET}, snapshot sender: an input's datagram read to the first
 *       snapshot that reflects it handed to the socket: the server's whole share of
 *       input-to-visible.</li>
 * </ul>
 * Per player and tick, the input recorded is the earliest one the tick applied (the one that
 * waited longest). Times are on the server's monotonic clock, in nanoseconds.
 */
public final class ResidenceStats {

    /** Stamp of "no new input since the last snapshot", in place of a datagram read time. */
    public static final long NO_INPUT = Long.MIN_VALUE;
    private static final long MAX_TRACKED_NS = 10_000_000_000L;

    /** A stage of an input's way through the server; {@link #tag()} names it in metrics. */
    public enum Stage {
        INPUT_TO_TICK("input_to_tick"),
        SENDER_WAKE("sender_wake"),
        TICK_TO_SOCKET("tick_to_socket"),
        INPUT_TO_SOCKET("input_to_socket");

        private final String tag;

        Stage(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private static final Stage[] STAGES = Stage.values();

    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[STAGES.length];

    public ResidenceStats() {
        for (int i = 0; i < recorders.length; i++) {
            recorders[i] = new SingleWriterRecorder(MAX_TRACKED_NS, 3);
        }
    }

    /** The stage's writing thread only: {@code to - from}, clamped to 0 .. 10 s (clocks never run back). */
    public void record(Stage stage, long fromNs, long toNs) {
        recorders[stage.ordinal()].recordValue(Math.min(Math.max(toNs - fromNs, 0), MAX_TRACKED_NS));
    }

    /** Metrics thread: the stage's durations since the previous call; pass the previous result to recycle it. */
    public Histogram interval(Stage stage, Histogram recycle) {
        return recorders[stage.ordinal()].getIntervalHistogram(recycle);
    }
}
