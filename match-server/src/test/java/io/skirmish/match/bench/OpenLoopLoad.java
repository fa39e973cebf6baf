package io.skirmish.match.bench;

import io.netty.channel.EventLoopGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Feeds tickets into match-servers at a fixed arrival rate, open loop: ticket {@code k} is due
 * at {@code start + k / rate} whatever happened to earlier tickets, and every latency is taken
 * from that due time, so a server (or generator) that falls behind shows up as waiting instead of
 * slowing the offered load down (no coordinated omission).
 *
 * <p>Tickets go round-robin to the instances (like a TCP load balancer), and within an instance
 * round-robin over a few connections, each speaking for up to {@code playersPerConnection}
 * players before a fresh one replaces it.
 *
 * <p>One thread (the caller of {@link #run}) schedules; connections do their I/O on
 * {@code group}.
 */
final class OpenLoopLoad {

    private static final long TICK_NS = TimeUnit.MICROSECONDS.toNanos(500);

    private final EventLoopGroup group;
    private final List<Integer> ports;
    private final int connectionsPerInstance;
    private final int playersPerConnection;

    OpenLoopLoad(EventLoopGroup group, List<Integer> ports, int connectionsPerInstance, int playersPerConnection) {
        this.group = group;
        this.ports = List.copyOf(ports);
        this.connectionsPerInstance = connectionsPerInstance;
        this.playersPerConnection = playersPerConnection;
    }

    /** Arrivals scheduled within one dispatch tick for one connection. */
    private static final class Batch {
        final List<ArrivalMix.Ticket> tickets = new ArrayList<>();
        final List<Long> scheduledNs = new ArrayList<>();
    }

    /**
     * Runs one step: arrivals from the recorder's start to the end of its measure window at
     * {@code ticketsPerSecond}, then up to {@code drain} for the measured tickets to be matched;
     * then closes every connection (the servers cancel what is left).
     */
    void run(StepRecorder recorder, ArrivalMix mix, double ticketsPerSecond, Duration drain, Progress progress) {
        long startNs = recorder.startNs;
        long endNs = recorder.measureEndNs;
        double intervalNs = 1e9 / ticketsPerSecond;
        LoadConnection[][] slots = new LoadConnection[ports.size()][connectionsPerInstance];
        List<LoadConnection> all = new ArrayList<>();
        Map<LoadConnection, Batch> batches = new IdentityHashMap<>();
        int k = 0;
        long nextNs = startNs;
        long nextProgressNs = startNs + TimeUnit.SECONDS.toNanos(1);
        while (nextNs < endNs) {
            long now = System.nanoTime();
            while (nextNs <= now && nextNs < endNs) {
                ArrivalMix.Ticket ticket = mix.next(k);
                int instance = k % ports.size();
                int slot = (k / ports.size()) % connectionsPerInstance;
                LoadConnection connection = slots[instance][slot];
                int size = ticket.players().size();
                if (connection == null || !connection.accepts(size)) {
                    if (connection != null && !connection.full()) {
                        batches.computeIfAbsent(connection, c -> new Batch()); // tells it no more will come
                        connection.assign(playersPerConnection);
                    }
                    connection = LoadConnection.open(group, ports.get(instance), recorder, playersPerConnection);
                    slots[instance][slot] = connection;
                    all.add(connection);
                }
                connection.assign(size);
                Batch batch = batches.computeIfAbsent(connection, c -> new Batch());
                batch.tickets.add(ticket);
                batch.scheduledNs.add(nextNs);
                recorder.dispatched(nextNs, now - nextNs);
                k++;
                nextNs = startNs + (long) (k * intervalNs);
            }
            batches.forEach((connection, batch) -> connection.arrive(batch.tickets, batch.scheduledNs,
                    connection.full()));
            batches.clear();
            if (now >= nextProgressNs) {
                progress.second(recorder, k);
                nextProgressNs += TimeUnit.SECONDS.toNanos(1);
            }
            long sleepNs = Math.min(TICK_NS, nextNs - System.nanoTime());
            if (sleepNs > 0) {
                LockSupport.parkNanos(sleepNs);
            }
        }
        long drainEndNs = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < drainEndNs
                && recorder.measuredMatched.sum() + recorder.measuredFailed.sum() < recorder.scheduled.sum()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        for (LoadConnection connection : all) {
            connection.close();
        }
    }

    /** Called about once per second while arrivals run. */
    interface Progress {
        void second(StepRecorder recorder, int ticketsSent);
    }
}
