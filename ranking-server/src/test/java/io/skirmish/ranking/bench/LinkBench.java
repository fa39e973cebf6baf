package io.skirmish.ranking.bench;

import static io.skirmish.ranking.bench.BenchFigures.loadAverage;
import static io.skirmish.ranking.bench.BenchFigures.median;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.sun.management.OperatingSystemMXBean;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.RedisFuture;
import io.netty.channel.EventLoopGroup;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.kit.redis.RedisCpuTime;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.board.BoardCall;
import io.skirmish.ranking.board.BoardQueries;
import io.skirmish.ranking.board.QueryException;
import io.skirmish.ranking.board.SeasonDirectory;
import io.skirmish.ranking.it.RankingClient;
import io.skirmish.ranking.it.TestServers;
import io.skirmish.kit.redis.link.RedisLink;
import io.skirmish.kit.redis.link.RedisLogin;
import io.skirmish.kit.redis.link.TurnFlusher;
import io.skirmish.ranking.season.SeasonStore;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

/**
 * The hand-written Redis link ({@code redis/RedisLink}) against Lettuce on the query the
 * ranking-server answers most, Top 10 of a 1,000,000-player rating board: the same
 * {@link BoardCall} steps (ZCARD + ZREVRANGE WITHSCORES + HMGET of the ratings, built and read by
 * the server's own code, answer built as a protobuf page) sent through each client on one
 * connection, {@code concurrency} queries in flight (a new one starts as each finishes). Measured:
 * queries per second, latency p50/p99, and the CPU the client process and Redis spend per query.
 * Lettuce runs three times: as it comes (RESP3, every command flushed on its own), with one
 * flush per step ({@code setAutoFlushCommands(false)}, closer to how the link batches), and that
 * again on RESP2 like the link. Rounds rotate the order.
 *
 * <p>Run with {@code bench/ranking-bench.sh link [players=1000000] [seconds=5] [concurrency=8,64] [rounds=3]}.
 */
public final class LinkBench {

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Sends one step and hands its replies, in command order, to the callback (on the client's I/O thread). */
    private interface Link extends AutoCloseable {
        String name();

        /** Runs {@code task} where {@link #send} may be called. */
        void execute(Runnable task);

        void send(BoardCall.Step step, Consumer<List<Object>> replies);

        @Override
        void close() throws Exception;
    }

    private record Measured(double perSecond, double p50Ms, double p99Ms, double processCpuUs, double redisCpuUs) {
    }

    private LinkBench() {
    }

    public static void main(String[] args) throws Exception {
        int players = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] concurrencies = Arrays.stream((args.length > 2 ? args[2] : "8,64").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path work = Files.createTempDirectory("ranking-link-bench");
        try (RedisServerProcess redisProcess = RedisServerProcess.start(RedisServerConfig.defaults(work))) {
            RedisAddress address = RedisAddress.parse("redis://127.0.0.1:" + redisProcess.port());
            try (UnifiedJedis redis = RedisConnector.open(address, "link-bench", Duration.ofSeconds(30))) {
                RankingBench.loadBoard(redis, players);
                SeasonStore seasons = new SeasonStore(redis);
                seasons.ensureStarted(TestServers.config(address, "link-bench", false).initialSeason());
                SeasonDirectory directory = new SeasonDirectory(seasons);
                directory.refresh();
                List<String> rows = new ArrayList<>();
                rows.add("| Top 10 through | in flight | queries /s | p50 / p99 ms | CPU per query: client process / Redis |");
                rows.add("|---|---|---|---|---|");
                for (int concurrency : concurrencies) {
                    List<List<Measured>> byLink = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    for (int which = 0; which < LINKS; which++) {
                        byLink.add(new ArrayList<>());
                        names.add("");
                    }
                    for (int round = 0; round < rounds; round++) {
                        for (int slot = 0; slot < LINKS; slot++) {
                            int which = (slot + round) % LINKS;
                            try (Link link = open(which, redisProcess.port())) {
                                names.set(which, link.name());
                                BoardQueries queries = new BoardQueries(directory, Clock.systemUTC());
                                run(link, queries, redis, concurrency, 2_000); // warm-up
                                Measured measured = run(link, queries, redis, concurrency, seconds * 1_000L);
                                byLink.get(which).add(measured);
                                System.out.printf("round %d %s x%d: %,.0f /s p50 %.3f p99 %.3f ms cpu %.1f / %.1f us "
                                                + "load %s%n", round + 1, link.name(), concurrency, measured.perSecond(),
                                        measured.p50Ms(), measured.p99Ms(), measured.processCpuUs(),
                                        measured.redisCpuUs(), loadAverage());
                            }
                        }
                    }
                    for (int which = 0; which < LINKS; which++) {
                        List<Measured> runs = byLink.get(which);
                        rows.add(String.format("| %s | %d | %,.0f | %.3f / %.3f | %.1f / %.1f us |", names.get(which),
                                concurrency, median(runs, Measured::perSecond), median(runs, Measured::p50Ms),
                                median(runs, Measured::p99Ms), median(runs, Measured::processCpuUs),
                                median(runs, Measured::redisCpuUs)));
                    }
                }
                System.out.printf("%nplayers=%,d seconds per run=%d rounds=%d cores=%d%n", players, seconds, rounds,
                        Runtime.getRuntime().availableProcessors());
                rows.forEach(System.out::println);
            }
        }
    }

    private static final int LINKS = 4;

    private static Link open(int which, int port) throws Exception {
        return switch (which) {
            case 0 -> HandWritten.open(port);
            case 1 -> LettuceLink.open(port, true, ProtocolVersion.RESP3);
            case 2 -> LettuceLink.open(port, false, ProtocolVersion.RESP3);
            default -> LettuceLink.open(port, false, ProtocolVersion.RESP2);
        };
    }

    /** Closed loop: {@code concurrency} queries in flight until {@code durationMs} have passed; then drains. */
    private static Measured run(Link link, BoardQueries queries, UnifiedJedis redis, int concurrency, long durationMs)
            throws Exception {
        Histogram latencyUs = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(concurrency);
        BoardRef duel = RankingClient.season("duel", "s1");
        long cpuBeforeNs = OS.getProcessCpuTime();
        long redisBeforeNs = RedisCpuTime.usedNanos(redis);
        long startNs = System.nanoTime();
        long endNs = startNs + TimeUnit.MILLISECONDS.toNanos(durationMs);
        for (int i = 0; i < concurrency; i++) {
            link.execute(new Runnable() {
                @Override
                public void run() {
                    long queryStartNs = System.nanoTime();
                    BoardCall call;
                    try {
                        call = queries.top(duel, 10, 0);
                    } catch (QueryException e) {
                        throw new IllegalStateException(e);
                    }
                    Runnable again = this;
                    step(call, call.first(), () -> {
                        ServerMessage.Builder reply = ServerMessage.newBuilder();
                        call.fill(reply);
                        if (reply.getPage().getEntriesCount() != 10) {
                            throw new IllegalStateException("page of " + reply.getPage().getEntriesCount());
                        }
                        long nowNs = System.nanoTime();
                        synchronized (latencyUs) {
                            latencyUs.recordValue(Math.max(1, (nowNs - queryStartNs) / 1_000));
                        }
                        done.incrementAndGet();
                        if (nowNs < endNs) {
                            again.run();
                        } else {
                            finished.countDown();
                        }
                    });
                }

                private void step(BoardCall call, BoardCall.Step step, Runnable answered) {
                    link.send(step, replies -> {
                        BoardCall.Step next = call.next(replies);
                        if (next == null) {
                            answered.run();
                        } else {
                            step(call, next, answered);
                        }
                    });
                }
            });
        }
        if (!finished.await(durationMs + 30_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(link.name() + ": queries unanswered 30 s after the run");
        }
        double elapsedS = (System.nanoTime() - startNs) / 1e9;
        double queries1 = done.get();
        return new Measured(queries1 / elapsedS, latencyUs.getValueAtPercentile(50) / 1e3,
                latencyUs.getValueAtPercentile(99) / 1e3, (OS.getProcessCpuTime() - cpuBeforeNs) / 1e3 / queries1,
                (RedisCpuTime.usedNanos(redis) - redisBeforeNs) / 1e3 / queries1);
    }

    /** The ranking-server's own link: one connection on one Netty loop, one write per loop turn. */
    private static final class HandWritten implements Link {
        private final EventLoopGroup group;
        private final RedisLink link;
        private final ExecutorService blocking = Executors.newSingleThreadExecutor();

        private HandWritten(int port) throws Exception {
            group = Transports.best().group(1, "bench-link");
            HostAndPort node = new HostAndPort("127.0.0.1", port);
            link = new RedisLink("bench", new TurnFlusher(group.next()), Transports.best().socketChannel(), () -> node,
                    blocking, RedisLogin.none(), 4_096, 10_000, List.of(), System::nanoTime);
            link.start().get(10, TimeUnit.SECONDS);
        }

        static HandWritten open(int port) throws Exception {
            return new HandWritten(port);
        }

        @Override
        public String name() {
            return "hand-written RedisLink (RESP2, one write per loop turn)";
        }

        @Override
        public void execute(Runnable task) {
            link.loop().execute(task);
        }

        @Override
        public void send(BoardCall.Step step, Consumer<List<Object>> replies) {
            RedisLink.Sent sent = link.send(step, new RedisLink.Reply() {
                @Override
                public void onReply(Object value) {
                    replies.accept(step.repliesIn(value));
                }

                @Override
                public void onFailure(String reason) {
                    throw new IllegalStateException(reason);
                }
            });
            if (sent != RedisLink.Sent.QUEUED) {
                throw new IllegalStateException("not sent: " + sent);
            }
        }

        @Override
        public void close() {
            link.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            blocking.shutdownNow();
        }
    }

    /** Lettuce 7 (RESP3, its own Netty loop), one connection, commands through {@code dispatch}. */
    private static final class LettuceLink implements Link {
        private final RedisClient client;
        private final StatefulRedisConnection<byte[], byte[]> connection;
        private final RedisAsyncCommands<byte[], byte[]> async;
        private final boolean autoFlush;
        private final ProtocolVersion protocol;
        private final ExecutorService starter = Executors.newSingleThreadExecutor();

        private LettuceLink(int port, boolean autoFlush, ProtocolVersion protocol) {
            client = RedisClient.create(RedisURI.create("127.0.0.1", port));
            client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
            connection = client.connect(ByteArrayCodec.INSTANCE);
            connection.setAutoFlushCommands(autoFlush);
            async = connection.async();
            this.autoFlush = autoFlush;
            this.protocol = protocol;
        }

        static LettuceLink open(int port, boolean autoFlush, ProtocolVersion protocol) {
            return new LettuceLink(port, autoFlush, protocol);
        }

        @Override
        public String name() {
            return "Lettuce 7.7 (" + protocol + (autoFlush ? ", flush per command: its default)" : ", one flush per step)");
        }

        @Override
        public void execute(Runnable task) {
            starter.execute(task); // later queries continue on Lettuce's I/O thread
        }

        @Override
        public void send(BoardCall.Step step, Consumer<List<Object>> replies) {
            List<String[]> commands = step.commands();
            Object[] values = new Object[commands.size()];
            AtomicLong remaining = new AtomicLong(commands.size());
            for (int i = 0; i < commands.size(); i++) {
                String[] command = commands.get(i);
                CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE)
                        .addKey(command[1].getBytes(StandardCharsets.UTF_8));
                for (int a = 2; a < command.length; a++) {
                    args.add(command[a]);
                }
                CommandOutput<byte[], byte[], ?> output = command[0].equals("ZCARD")
                        ? new IntegerOutput<>(ByteArrayCodec.INSTANCE) : new ArrayOutput<>(ByteArrayCodec.INSTANCE);
                RedisFuture<?> future = async.dispatch(CommandType.valueOf(command[0]), output, args);
                int index = i;
                future.whenComplete((value, error) -> {
                    if (error != null) {
                        throw new IllegalStateException(error);
                    }
                    values[index] = value;
                    if (remaining.decrementAndGet() == 0) {
                        replies.accept(Arrays.asList(values));
                    }
                });
            }
            if (!autoFlush) {
                connection.flushCommands();
            }
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(0, 1, TimeUnit.SECONDS);
            starter.shutdownNow();
        }
    }


}
