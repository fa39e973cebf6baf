package io.skirmish.bots.bench;

/**
 * The input-to-visible time of a step's inputs split per input on the clients' clock
 * ({@link InputAttribution}, {@link TickTiming}): which side holds what the wait for the tick
 * does not explain. Times in milliseconds, shares of the measured inputs.
 *
 * @param missedShare            inputs that missed the first tick after their send (way in)
 * @param missedLateShare        of them, those sent 1 ms or more before that tick (beyond the transit)
 * @param missedByP50Ms          how long before the tick they missed the missed inputs were sent
 * @param missedByP99Ms          (each was at least that late on the way in)
 * @param snapshotDelayP50Ms     the reflecting snapshot's delay beyond its match's quickest (way out)
 * @param snapshotDelayP99Ms
 * @param ifOnTimeP99Ms          input-to-visible p99 had every input made its first tick
 * @param ifQuickestP99Ms        input-to-visible p99 had every snapshot come as quickly as the quickest
 * @param clientSendLagP99Ms     a send bucket's stamp to its last datagram handed to the socket
 */
record ClientSplit(double missedShare, double missedLateShare, double missedByP50Ms, double missedByP99Ms,
                   double snapshotDelayP50Ms, double snapshotDelayP99Ms, double ifOnTimeP99Ms,
                   double ifQuickestP99Ms, double clientSendLagP99Ms) {

    /** Clients that did not measure it. */
    static final ClientSplit UNKNOWN = new ClientSplit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
