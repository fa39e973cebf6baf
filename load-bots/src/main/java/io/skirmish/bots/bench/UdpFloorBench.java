package io.skirmish.bots.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.DatagramPacket;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.net.DatagramOut;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.ops.CpuClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor under the game-server benchmark: the same packets at the same rates and sizes
 * through loopback UDP (one input per player per tick in, one snapshot per player per tick out,
 * clients sharing a few sockets, the server reading with {@code recvmmsg}) but with no crypto,
 * no protocol and no game. What this costs is what the machine spends on moving the packets
 * alone, server and clients together; the real benchmark cannot do better than it.
 *
 * <p>{@code --send sendto} sends each datagram with its own system call (what the game server
 * and the bench clients do); {@code --send sendmmsg} queues a tick's (or a client timer's)
 * datagrams on the channel and flushes once, so Netty hands them to the kernel in
 * {@code sendmmsg} batches: the best the send side can do without segmentation offload.
 *
 * <p>{@code --role both} (the default) runs server and clients in this JVM on loopback.
 * {@code --role server} and {@code --role clients} run one side each, in two processes that
 * can be pinned to different cores like the game server and its load generator
 * ({@code bench/game-server.sh} does this for every step, to print the floor's server share
 * next to the game server's cost): the server side binds, writes its port to
 * {@code --port-file}, waits for the first input, then measures only its own process's CPU
 * (user and kernel apart) and prints a {@link FloorShare} line. Every step ends by itself after
 * its warm-up and measure window.
 */
@Command(name = "udp-floor-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "CPU cost of the game's packet traffic alone (no crypto, no game) on loopback UDP.")
public final class UdpFloorBench implements Callable<Integer> {

    @Option(names = "--steps", split = ",", defaultValue = "1000,2500,5000",
            description = "Player counts, one step each (default: ${DEFAULT-VALUE}).")
    int[] steps;

    @Option(names = "--tick-rate", defaultValue = "30", description = "Inputs and snapshots per player per second (default: ${DEFAULT-VALUE}).")
    int tickRate;

    @Option(names = "--input-bytes", defaultValue = "101",
            description = "Input datagram size; the game benchmark measures about 3,030 B/player/s at 30 Hz (default: ${DEFAULT-VALUE}).")
    int inputBytes;

    @Option(names = "--snapshot-bytes", defaultValue = "82",
            description = "Snapshot datagram size; the game benchmark measures about 2,450 B/player/s (default: ${DEFAULT-VALUE}).")
    int snapshotBytes;

    @Option(names = "--client-sockets", defaultValue = "4", description = "Client UDP sockets the players share (default: ${DEFAULT-VALUE}).")
    int clientSockets;

    @Option(names = "--client-threads", defaultValue = "2", description = "Client event-loop threads (default: ${DEFAULT-VALUE}).")
    int clientThreads;

    @Option(names = "--send", defaultValue = "sendto", description = "sendto (one call per datagram) or sendmmsg (batched) (default: ${DEFAULT-VALUE}).")
    String send;

    @Option(names = "--warmup", defaultValue = "3s", converter = io.skirmish.kit.config.DurationConverter.class, description = "Per step, not measured (default: 3s).")
    Duration warmup;

    @Option(names = "--measure", defaultValue = "10s", converter = io.skirmish.kit.config.DurationConverter.class, description = "Per step, measured (default: 10s).")
    Duration measure;

    @Option(names = "--role", defaultValue = "both",
            description = "both (one JVM), server or clients (one side per process, one step) (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--port-file", description = "Role server: where to write the bound UDP port. Role clients: where to read it.")
    Path portFile;

    @Option(names = "--share-file", description = "Role server: file to append the FloorShare line to.")
    Path shareFile;

    /** Keeps the phases' deadlines and the send schedules on both sides. */
    private final NanoClock nanoClock;

    public UdpFloorBench() {
        this(SystemNanoClock.INSTANCE);
    }

    UdpFloorBench(NanoClock nanoClock) {
        this.nanoClock = nanoClock;
    }

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new UdpFloorBench(), args));
    }

    @Override
    public Integer call() throws Exception {
        String problem = badOption();
        if (problem != null) {
            System.err.println("udp-floor-bench: " + problem);
            return CommandRunner.EXIT_USAGE;
        }
        if (Transports.best() != Transports.EPOLL) {
            System.err.println("udp-floor-bench needs Netty's native epoll transport (Linux)");
            return CommandRunner.EXIT_USAGE;
        }
        Function<Channel, DatagramOut> sender = send.equals("sendmmsg") ? DatagramOut::queued : DatagramOut::of;
        if (role.equals("server")) {
            return serveOneStep(steps[0], sender);
        }
        if (role.equals("clients")) {
            return sendOneStep(steps[0], sender);
        }
        List<String> rows = new ArrayList<>();
        for (int players : steps) {
            rows.add(runStep(players, sender));
        }
        System.out.printf(Locale.ROOT, "%nsend=%s tick-rate=%d input=%d B snapshot=%d B client sockets=%d threads=%d; "
                        + "budget for the game goal (2 cores / 150,000 player-ticks per second): 13.3 us%n",
                send, tickRate, inputBytes, snapshotBytes, clientSockets, clientThreads);
        System.out.println("| players | inputs/s received (offered) | snapshots/s received (sent) | CPU cores (kernel) | CPU us per player-tick (kernel) |");
        System.out.println("|---:|---|---|---|---|");
        rows.forEach(System.out::println);
        return 0;
    }

    /** What is wrong with the options, or null. */
    String badOption() {
        if (!send.equals("sendto") && !send.equals("sendmmsg")) {
            return "--send must be sendto or sendmmsg, not " + send;
        }
        if (!role.equals("both") && !role.equals("server") && !role.equals("clients")) {
            return "--role must be both, server or clients, not " + role;
        }
        if (!role.equals("both") && (steps.length != 1 || portFile == null)) {
            return "--role " + role + " runs one step: give one --steps value and a --port-file";
        }
        for (int players : steps) {
            if (players < 1 || players > 100_000) {
                return "--steps must be player counts from 1 to 100000, not " + players;
            }
        }
        if (tickRate < 1 || tickRate > 128) {
            return "--tick-rate must be 1 to 128, not " + tickRate;
        }
        // Each datagram starts with the player's index (4 bytes) and must fit one UDP packet.
        if (inputBytes < Integer.BYTES || inputBytes > 1200 || snapshotBytes < Integer.BYTES || snapshotBytes > 1200) {
            return "--input-bytes and --snapshot-bytes must be 4 to 1200";
        }
        if (clientSockets < 1 || clientThreads < 1) {
            return "--client-sockets and --client-threads must be at least 1";
        }
        if (warmup.isNegative() || measure.isNegative() || measure.isZero()) {
            return "--warmup must not be negative and --measure must be positive";
        }
        return null;
    }

    private String runStep(int players, Function<Channel, DatagramOut> sender) throws Exception {
        EventLoopGroup serverLoop = Transports.EPOLL.group(1, "floor-server");
        EventLoopGroup clientLoops = Transports.EPOLL.group(clientThreads, "floor-client");
        try {
            FloorServer server = new FloorServer(players, snapshotBytes, sender, nanoClock);
            Channel serverChannel = bind(serverLoop, server);
            InetSocketAddress target = (InetSocketAddress) serverChannel.localAddress();
            long periodNs = TimeUnit.SECONDS.toNanos(1) / tickRate;
            server.start(periodNs);
            List<FloorClients> lanes = clientLanes(players, target, periodNs, sender, clientLoops);
            long warmEnd = nanoClock.nanoTime() + warmup.toNanos();
            progress(players, server, lanes, warmEnd, "warm-up");
            long cpu0 = CpuClock.self();
            long kernel0 = CpuClock.selfKernel();
            long wall0 = nanoClock.nanoTime();
            long in0 = server.received.get();
            long out0 = received(lanes);
            long sent0 = server.sent.get();
            progress(players, server, lanes, wall0 + measure.toNanos(), "measure");
            double seconds = (nanoClock.nanoTime() - wall0) / 1e9;
            double cores = (CpuClock.self() - cpu0) / 1e9 / seconds;
            double kernelCores = (CpuClock.selfKernel() - kernel0) / 1e9 / seconds;
            double playerTicks = (double) players * tickRate;
            return String.format(Locale.ROOT, "| %d | %,.0f (%,.0f) | %,.0f (%,.0f) | %.2f (%.2f) | %.1f (%.1f) |", players,
                    (server.received.get() - in0) / seconds, playerTicks, (received(lanes) - out0) / seconds,
                    (server.sent.get() - sent0) / seconds, cores, kernelCores,
                    cores * 1e6 / playerTicks, kernelCores * 1e6 / playerTicks);
        } finally {
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Role server: one step's server side alone. Binds, publishes its port, waits (at most a
     * minute) for the clients' first input, then warms up and measures this process's CPU.
     */
    private int serveOneStep(int players, Function<Channel, DatagramOut> sender) throws Exception {
        EventLoopGroup serverLoop = Transports.EPOLL.group(1, "floor-server");
        try {
            FloorServer server = new FloorServer(players, snapshotBytes, sender, nanoClock);
            Channel channel = bind(serverLoop, server);
            server.start(TimeUnit.SECONDS.toNanos(1) / tickRate);
            Path written = Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"),
                    Integer.toString(((InetSocketAddress) channel.localAddress()).getPort()));
            Files.move(written, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long deadline = nanoClock.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (server.received.get() == 0) {
                if (nanoClock.nanoTime() > deadline) {
                    System.err.println("udp-floor-bench: no client input within a minute");
                    return 1;
                }
                Thread.sleep(10);
            }
            Thread.sleep(warmup.toMillis());
            long pid = ProcessHandle.current().pid();
            long cpu0 = CpuClock.process(pid);
            long kernel0 = CpuClock.processKernel(pid);
            long in0 = server.received.get();
            long sent0 = server.sent.get();
            long wall0 = nanoClock.nanoTime();
            Thread.sleep(measure.toMillis());
            double seconds = (nanoClock.nanoTime() - wall0) / 1e9;
            long kernel = CpuClock.processKernel(pid) - kernel0;
            long user = CpuClock.process(pid) - cpu0 - kernel;
            FloorShare share = new FloorShare(players, tickRate, seconds, user / 1e9 / seconds, kernel / 1e9 / seconds,
                    (server.received.get() - in0) / seconds, (server.sent.get() - sent0) / seconds);
            System.out.println(share.line());
            if (shareFile != null) {
                Files.writeString(shareFile, share.line() + System.lineSeparator(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            return 0;
        } finally {
            serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Role clients: one step's clients alone, against the server whose port the server role
     * wrote; sends for the server's whole window (first input, warm-up, measure) and a margin.
     */
    private int sendOneStep(int players, Function<Channel, DatagramOut> sender) throws Exception {
        long deadline = nanoClock.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(portFile)) {
            if (nanoClock.nanoTime() > deadline) {
                System.err.println("udp-floor-bench: no port in " + portFile + " within a minute");
                return 1;
            }
            Thread.sleep(10);
        }
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(Files.readString(portFile).trim()));
        EventLoopGroup clientLoops = Transports.EPOLL.group(clientThreads, "floor-client");
        try {
            List<FloorClients> lanes = clientLanes(players, target, TimeUnit.SECONDS.toNanos(1) / tickRate, sender,
                    clientLoops);
            long out0 = received(lanes);
            long wall0 = nanoClock.nanoTime();
            Thread.sleep(warmup.toMillis() + measure.toMillis() + 2000);
            System.out.printf(Locale.ROOT, "floor clients: %d players, snapshots received %,.0f/s%n", players,
                    (received(lanes) - out0) / ((nanoClock.nanoTime() - wall0) / 1e9));
            return 0;
        } finally {
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private List<FloorClients> clientLanes(int players, InetSocketAddress target, long periodNs,
                                           Function<Channel, DatagramOut> sender, EventLoopGroup loops)
            throws InterruptedException {
        List<FloorClients> lanes = new ArrayList<>();
        for (int s = 0; s < clientSockets; s++) {
            FloorClients lane = new FloorClients(target, inputBytes, periodNs, sender, nanoClock);
            for (int p = s; p < players; p += clientSockets) {
                lane.players.add(p);
            }
            bind(loops, lane);
            lanes.add(lane);
        }
        return lanes;
    }

    private static long received(List<FloorClients> lanes) {
        return lanes.stream().mapToLong(lane -> lane.received.get()).sum();
    }

    /** Prints a live line every second until {@code untilNs}. */
    private void progress(int players, FloorServer server, List<FloorClients> lanes, long untilNs, String phase)
            throws InterruptedException {
        long lastIn = server.received.get();
        long lastOut = received(lanes);
        long lastCpu = CpuClock.self();
        while (nanoClock.nanoTime() < untilNs) {
            Thread.sleep(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(untilNs - nanoClock.nanoTime()))));
            long in = server.received.get();
            long out = received(lanes);
            long cpu = CpuClock.self();
            System.out.printf(Locale.ROOT, "\r%s players=%d inputs/s=%,d snapshots/s=%,d cores=%.2f server ticks skipped=%d   ",
                    phase, players, in - lastIn, out - lastOut, (cpu - lastCpu) / 1e9, server.skipped.get());
            lastIn = in;
            lastOut = out;
            lastCpu = cpu;
        }
        System.out.println();
    }

    private static Channel bind(EventLoopGroup group, FloorHandler handler)
            throws InterruptedException {
        return new Bootstrap().group(group).channel(Transports.EPOLL.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, 512 * 1024)
                .option(ChannelOption.SO_SNDBUF, 512 * 1024)
                .option(ChannelOption.MAX_MESSAGES_PER_WRITE, 1024)
                // Queued sends (--send sendmmsg) stay below this for a whole tick: nothing is dropped.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 << 20, 64 << 20))
                .option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, 1400)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(1400 * 16))
                .handler(handler)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /**
     * One socket's side: counts what it reads and sends through its {@link DatagramOut} (straight
     * to the socket, or queued and flushed in batches). Write failures (datagrams still queued when
     * a step closes its sockets) are expected.
     */
    private abstract static class FloorHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        final AtomicLong received = new AtomicLong();
        private final Function<Channel, DatagramOut> sender;
        final NanoClock nanoClock;
        Channel channel;
        DatagramOut out;

        FloorHandler(Function<Channel, DatagramOut> sender, NanoClock nanoClock) {
            this.sender = sender;
            this.nanoClock = nanoClock;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            out = sender.apply(channel);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            received.lazySet(received.get() + 1);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel().isActive()) {
                ctx.fireExceptionCaught(cause);
            }
        }
    }

    /** The server side: learns each player's address from its inputs, sends every player a snapshot per tick. */
    private static final class FloorServer extends FloorHandler {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        private final InetSocketAddress[] addresses;
        private final ByteBuf snapshot;
        private long periodNs;
        private long startNs;
        private long ticks;

        FloorServer(int players, int snapshotBytes, Function<Channel, DatagramOut> sender, NanoClock nanoClock) {
            super(sender, nanoClock);
            this.addresses = new InetSocketAddress[players];
            this.snapshot = Unpooled.directBuffer(snapshotBytes).writeZero(snapshotBytes);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            snapshot.release();
        }

        /** Ticks by the wall clock (a 1 ms timer sends the ticks that are due) so a late timer costs no tick. */
        void start(long tickPeriodNs) {
            channel.eventLoop().execute(() -> {
                periodNs = tickPeriodNs;
                startNs = nanoClock.nanoTime();
                channel.eventLoop().scheduleAtFixedRate(this::onTimer, 1, 1, TimeUnit.MILLISECONDS);
            });
        }

        private void onTimer() {
            long due = (nanoClock.nanoTime() - startNs) / periodNs;
            // A timer late by more than a tick sends the newest tick only, like the game server's stale-tick drop.
            if (due - 1 > ticks) {
                skipped.lazySet(skipped.get() + due - 1 - ticks);
                ticks = due - 1;
            }
            while (ticks < due && channel.isActive()) {
                tick();
                ticks++;
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (content.readableBytes() >= Integer.BYTES) {
                int player = content.getInt(content.readerIndex());
                if (player >= 0 && player < addresses.length && addresses[player] == null) {
                    addresses[player] = packet.sender();
                }
            }
            super.channelRead0(ctx, packet);
        }

        private void tick() {
            long count = 0;
            for (int p = 0; p < addresses.length; p++) {
                if (addresses[p] != null) {
                    snapshot.setInt(0, p);
                    out.send(snapshot, addresses[p]);
                    count++;
                }
            }
            out.flush();
            sent.lazySet(sent.get() + count);
        }
    }

    /** Players sharing one client socket: inputs spread over the tick period in 1 ms phases. */
    private static final class FloorClients extends FloorHandler {
        final List<Integer> players = new ArrayList<>();
        private final InetSocketAddress server;
        private final ByteBuf input;
        private final long periodNs;
        private long startNs;
        private long sentTicks;

        FloorClients(InetSocketAddress server, int inputBytes, long periodNs, Function<Channel, DatagramOut> sender,
                     NanoClock nanoClock) {
            super(sender, nanoClock);
            this.server = server;
            this.input = Unpooled.directBuffer(inputBytes).writeZero(inputBytes);
            this.periodNs = periodNs;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            super.handlerAdded(ctx);
            startNs = nanoClock.nanoTime();
            ctx.executor().scheduleAtFixedRate(this::onTimer, 1, 1, TimeUnit.MILLISECONDS);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            input.release();
        }

        /**
         * Sends the inputs due since the last call: player i of n sends at i/n of each period, so
         * the lane's inputs are spread evenly; a late timer sends what it missed, once.
         */
        private void onTimer() {
            if (!channel.isActive()) {
                return;
            }
            long due = (nanoClock.nanoTime() - startNs) * players.size() / periodNs;
            long first = Math.max(sentTicks, due - players.size());
            for (long k = first; k < due; k++) {
                input.setInt(0, players.get((int) (k % players.size())));
                out.send(input, server);
            }
            sentTicks = due;
            out.flush();
        }
    }
}
