package io.skirmish.bots.bench;

/**
 * The figures of one benchmark step (one player count), measured over its measurement window.
 * Rates are per second; CPU is in cores (1.0 = one core busy the whole window). Server figures
 * are deltas of the game server's {@code /metrics}; latency is what the simulated clients saw.
 *
 * @param players             players the step asked for (whole FFA matches of 8)
 * @param connected           players whose handshake completed
 * @param playing             players that received snapshots (their match started)
 * @param seconds             length of the measurement window
 * @param tickP50Ms           tick duration, median of the per-second p50s the server published
 * @param tickP99Ms           tick duration, worst per-second p99 in the window
 * @param tickP99TypicalMs    tick duration, median of the per-second p99s
 * @param tickMaxMs           longest tick in the window
 * @param tickLatenessP99Ms   worst per-second p99 of how late ticks started (jitter)
 * @param overruns            ticks not finished when the next was due
 * @param skippedTicks        ticks dropped beyond the catch-up cap
 * @param serverCpu           game-server process CPU
 * @param clientCpu           load generator process CPU
 * @param machineCpu          whole machine busy CPU (all processes, including Redis)
 * @param serverKernelCpu     the part of serverCpu spent in the kernel (system time: sockets, wake-ups)
 * @param clientKernelCpu     the part of clientCpu spent in the kernel
 * @param packetsInPerS       datagrams the server received
 * @param packetsOutPerS      datagrams the server sent
 * @param bytesInPerPlayerS   UDP bytes received by the server per player
 * @param bytesOutPerPlayerS  UDP bytes sent by the server per player
 * @param serverAllocMBps     server heap allocation rate, MB (10^6 bytes) per second
 * @param gcPauseMs           server GC pause time in the window
 * @param inputsPerS          inputs the clients sent
 * @param snapshotsPerS       snapshots the clients received and opened
 * @param latencyP50Ms        input-to-visible latency, median
 * @param latencyP99Ms        input-to-visible latency, 99th percentile
 * @param latencyMaxMs        input-to-visible latency, max
 * @param latencySamples      inputs measured
 * @param rejectedPackets     datagrams the server dropped (any reason) in the window
 * @param snapshotsDropped    snapshots lost on the server: the tick loop could not hand them to the network, no
 *                            address yet, or the socket refused them
 * @param clientLateSends     client send buckets that fell a whole period behind (load generator saturated)
 * @param split               where the input-to-visible latency went: server stages and the client's loop
 */
record StepResult(int players, int connected, int playing, double seconds,
                  double tickP50Ms, double tickP99Ms, double tickP99TypicalMs, double tickMaxMs,
                  double tickLatenessP99Ms, long overruns, long skippedTicks,
                  double serverCpu, double clientCpu, double machineCpu, double serverKernelCpu,
                  double clientKernelCpu,
                  double packetsInPerS, double packetsOutPerS, double bytesInPerPlayerS, double bytesOutPerPlayerS,
                  double serverAllocMBps, double gcPauseMs,
                  double inputsPerS, double snapshotsPerS,
                  double latencyP50Ms, double latencyP99Ms, double latencyMaxMs, long latencySamples,
                  long rejectedPackets, long snapshotsDropped, long clientLateSends, LatencySplit split) {

    /**
     * Server and client CPU per player and tick, in microseconds: what one more player costs
     * this machine, both ends together. Past the knee players are served less than every tick,
     * so this understates the cost there.
     */
    double cpuMicrosPerPlayerTick(int tickRateHz) {
        return (serverCpu + clientCpu) * 1e6 / ((double) players * tickRateHz);
    }

    /** Tick p99 under a quarter of the tick budget, no overrun, latency p99 within a tick + 5 ms, snapshots flowing. */
    boolean meetsGoals(int tickRateHz) {
        return failures(tickRateHz).isEmpty();
    }

    /** Which goals this step missed, in words; empty when it met them all. */
    String failures(int tickRateHz) {
        double budgetMs = 1000.0 / tickRateHz;
        StringBuilder out = new StringBuilder();
        if (tickP99Ms >= budgetMs / 4) {
            out.append(String.format("tick p99 %.1f ms >= %.1f ms; ", tickP99Ms, budgetMs / 4));
        }
        if (overruns > 0) {
            out.append(overruns).append(" overruns; ");
        }
        if (latencyP99Ms > budgetMs + 5) {
            out.append(String.format("latency p99 %.1f ms > %.1f ms; ", latencyP99Ms, budgetMs + 5));
        }
        if (snapshotsPerS < 0.95 * players * tickRateHz) {
            out.append(String.format("snapshots %.0f/s < 95%% of %d/s; ", snapshotsPerS, players * tickRateHz));
        }
        if (connected < players) {
            out.append(players - connected).append(" players not connected; ");
        }
        return out.length() == 0 ? "" : out.substring(0, out.length() - 2);
    }
}
