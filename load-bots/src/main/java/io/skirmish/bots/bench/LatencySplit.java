package io.skirmish.bots.bench;

/**
 * Where the input-to-visible latency of one benchmark step went, in milliseconds: the server's
 * stages as it measures them itself ({@code game_latency_stage_seconds}: the median over the
 * window of its per-second p50 and p99), and the client's read delay inside its own event loop
 * (over the whole window). Percentiles of stages do not add up; "outside the server" is the
 * input-to-visible percentile minus the server residence's, a rough share for the client's
 * sending, the kernel, the loopback and the client's loop.
 *
 * @param inputToTickP50Ms    server: an input's datagram read to the start of the tick that applied it
 * @param inputToTickP99Ms    (the wait for the match's phase, uniform over a tick for unsynchronised clients)
 * @param senderWakeP99Ms     server: a phase's snapshots published to the sender thread reaching them
 * @param tickToSocketP50Ms   server: a phase's tick start to each of its snapshots handed to the socket
 * @param tickToSocketP99Ms
 * @param residenceP50Ms      server: an input's datagram read to the first snapshot reflecting it handed to the socket
 * @param residenceP99Ms
 * @param clientReadDelayP50Ms client: a snapshot's read batch start to its latency being recorded
 * @param clientReadDelayP99Ms
 * @param serverSocketDropsPerS datagrams (inputs) the kernel dropped at the server's full UDP receive buffer
 * @param clientSocketDropsPerS datagrams (snapshots) dropped at the clients' full receive buffers
 * @param clients             the same latency split per input on the clients' clock: which side holds the excess
 */
record LatencySplit(double inputToTickP50Ms, double inputToTickP99Ms, double senderWakeP99Ms,
                    double tickToSocketP50Ms, double tickToSocketP99Ms, double residenceP50Ms, double residenceP99Ms,
                    double clientReadDelayP50Ms, double clientReadDelayP99Ms,
                    double serverSocketDropsPerS, double clientSocketDropsPerS, ClientSplit clients) {

    /** A step whose server published no stages (an older server): every figure unknown. */
    static final LatencySplit UNKNOWN = new LatencySplit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, ClientSplit.UNKNOWN);

    /**
     * The same split with what the window measured outside the server's stages: the kernel's
     * receive-buffer drops and the clients' per-input figures.
     */
    LatencySplit withWindow(double serverDropsPerS, double clientDropsPerS, ClientSplit perInput) {
        return new LatencySplit(inputToTickP50Ms, inputToTickP99Ms, senderWakeP99Ms, tickToSocketP50Ms,
                tickToSocketP99Ms, residenceP50Ms, residenceP99Ms, clientReadDelayP50Ms, clientReadDelayP99Ms,
                serverDropsPerS, clientDropsPerS, perInput);
    }
}
