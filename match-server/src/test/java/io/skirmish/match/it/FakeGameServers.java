package io.skirmish.match.it;

import io.skirmish.protocol.game.v1.MatchAllocation;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Game servers as the match-server sees them: registry entries written exactly like the
 * game-server's heartbeat script (docs/architecture.md), and the allocation lists drained like
 * its poller. No game is played; allocations are collected for assertions (or handed to a sink,
 * for the benchmark). Beats and drains run on one daemon thread every 200 ms.
 */
public final class FakeGameServers implements AutoCloseable {

    private static final int POP_BATCH = 1_000;

    private static final String BEAT = """
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            return 1
            """;

    record Server(String id, String region, int capacity, double headroom, String incarnation) {
    }

    private final UnifiedJedis redis;
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    final List<MatchAllocation> allocations = new CopyOnWriteArrayList<>();
    private final Consumer<MatchAllocation> sink;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "it-fake-gs");
        thread.setDaemon(true);
        return thread;
    });

    /** Keeps every allocation in {@link #allocations}. */
    FakeGameServers(UnifiedJedis redis) {
        this.redis = redis;
        this.sink = allocations::add;
        beats.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Hands every allocation to {@code sink} (on the beat thread) and keeps none. */
    public FakeGameServers(UnifiedJedis redis, Consumer<MatchAllocation> sink) {
        this.redis = redis;
        this.sink = sink;
        beats.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
    }

    public void add(String id, String region, int capacity, double headroom) {
        add(id, region, capacity, headroom, "");
    }

    /** A server with an incarnation, as a real game-server process advertises one per start. */
    public synchronized void add(String id, String region, int capacity, double headroom, String incarnation) {
        servers.put(id, new Server(id, region, capacity, headroom, incarnation));
        beat(servers.get(id));
    }

    /** The server stops beating, as a killed process does: its entry expires with the TTL (3 s). */
    public synchronized void kill(String id) {
        servers.remove(id);
    }

    /** Synchronized with {@link #add}: a beat of a replaced incarnation never lands after its successor's. */
    private synchronized void tick() {
        try {
            servers.values().forEach(this::beat);
            servers.values().forEach(this::drain);
        } catch (RuntimeException ignored) {
            // next tick
        }
    }

    void beat(Server server) {
        long now = System.currentTimeMillis();
        List<String> args = new ArrayList<>(List.of("3000", Long.toString(now + 3000), server.id()));
        args.addAll(List.of("id", server.id(), "host", "127.0.0.1", "tcp_port", "7700", "udp_port", "7701",
                "region", server.region(), "state", "ready", "capacity_players", Integer.toString(server.capacity()),
                "players", "0", "matches", "0", "tick_headroom", String.format(java.util.Locale.ROOT, "%.4f", server.headroom()),
                "heartbeat_ms", Long.toString(now), "incarnation", server.incarnation()));
        redis.eval(BEAT, List.of("skirmish:{gs}:server:" + server.id(), "skirmish:{gs}:live:" + server.region()), args);
    }

    void drain(Server server) {
        byte[] key = ("skirmish:{gs}:alloc:" + server.id()).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
            List<byte[]> popped = redis.lpop(key, POP_BATCH);
            if (popped == null || popped.isEmpty()) {
                return;
            }
            for (byte[] bytes : popped) {
                try {
                    sink.accept(MatchAllocation.parseFrom(bytes));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new AssertionError("malformed allocation", e);
                }
            }
        }
    }

    public void drainAll() {
        servers.values().forEach(this::drain);
    }

    @Override
    public void close() {
        beats.shutdownNow();
        try {
            beats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
