package io.skirmish.match.bench;

import com.google.protobuf.ByteString;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.JoinQueue;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.RegionRtt;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.tcp.EnvelopeCodecs;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One load-generator connection to a match-server, speaking for many players (like a bot
 * driver): for each arriving ticket it logs in every member, then the leader joins the queue
 * with the party; the leader's {@code MatchFound} ends the ticket. Pushes are told apart by
 * {@code ServerMessage.player_id}.
 *
 * <p>A connection takes players until it has {@code capacity}, is then retired, and closes once
 * its last ticket ended (players leave after their match is found, as real clients do), so the
 * server never holds more than a bounded number of players per connection.
 *
 * <p>Threads: {@link #arrive} may be called from any thread and hops to the channel's event
 * loop; everything else runs on that event loop, so the per-connection state needs no locks.
 */
final class LoadConnection {

    private static final String CLIENT_VERSION = "1.0.0";

    private enum Kind { LOGIN, JOIN }

    private record Pending(Kind kind, Run run) {
    }

    /** One ticket in flight on this connection. */
    private static final class Run {
        final ArrivalMix.Ticket ticket;
        final long scheduledNs;
        int loginsDue;
        ByteString leaderSession;
        boolean over;

        Run(ArrivalMix.Ticket ticket, long scheduledNs) {
            this.ticket = ticket;
            this.scheduledNs = scheduledNs;
            this.loginsDue = ticket.players().size();
        }
    }

    private volatile Channel channel; // set right after connect() returns, before any arrive()
    private final StepRecorder recorder;
    private final int capacity;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<String, Run> byLeader = new HashMap<>();
    private final List<Run> unsent = new ArrayList<>();
    private long nextRequestId = 1;
    private int assignedPlayers; // generator thread
    private boolean full; // generator thread
    private int open; // event loop
    private boolean retired; // event loop

    private LoadConnection(StepRecorder recorder, int capacity) {
        this.recorder = recorder;
        this.capacity = capacity;
    }

    /**
     * Starts connecting and returns at once: the generator thread must never wait for a busy
     * event loop or server. Tickets that arrive before the connection is up wait in {@code unsent}.
     */
    static LoadConnection open(EventLoopGroup group, int port, StepRecorder recorder, int capacity) {
        LoadConnection connection = new LoadConnection(recorder, capacity);
        connection.channel = new Bootstrap().group(group).channel(Transports.best().socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        EnvelopeCodecs.addLast(ch.pipeline(), ServerMessage.getDefaultInstance())
                                .addLast(connection.new Handler());
                    }
                }).connect(new InetSocketAddress("127.0.0.1", port)).channel();
        return connection;
    }

    /** The connection's events, on its event loop (they use {@code ctx}: the field may not be set yet). */
    private final class Handler extends SimpleChannelInboundHandler<ServerMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ServerMessage msg) {
            onMessage(ctx.channel(), msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            unsent.forEach(run -> login(ctx.channel(), run));
            unsent.clear();
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onClosed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // e.g. connection refused: channelInactive counts the open tickets
        }
    }

    /** Whether the generator may still give this connection {@code players} more players (generator thread). */
    boolean accepts(int players) {
        return !full && assignedPlayers + players <= capacity;
    }

    /** Books {@code players} for a ticket about to arrive here (generator thread). */
    void assign(int players) {
        assignedPlayers += players;
        if (assignedPlayers >= capacity) {
            full = true;
        }
    }

    /** Whether the generator gave this connection its last ticket (generator thread). */
    boolean full() {
        return full;
    }

    /**
     * Starts these tickets now: every member logs in (the join follows the last LoginOk).
     * {@code last}: no more tickets will come; close once they ended.
     */
    void arrive(List<ArrivalMix.Ticket> tickets, List<Long> scheduledNs, boolean last) {
        Channel ch = channel;
        ch.eventLoop().execute(() -> {
            retired |= last;
            if (retired && tickets.isEmpty() && open == 0) {
                ch.close();
                return;
            }
            if (!ch.isOpen()) {
                for (int i = 0; i < tickets.size(); i++) {
                    recorder.failed(scheduledNs.get(i), "closed");
                }
                return;
            }
            for (int i = 0; i < tickets.size(); i++) {
                Run run = new Run(tickets.get(i), scheduledNs.get(i));
                open++;
                byLeader.put(run.ticket.leader(), run);
                if (ch.isActive()) {
                    login(ch, run);
                } else {
                    unsent.add(run);
                }
            }
            ch.flush();
        });
    }

    private void login(Channel ch, Run run) {
        for (ArrivalMix.Rating player : run.ticket.players()) {
            send(ch, ClientMessage.newBuilder().setLogin(Login.newBuilder().setPlayerId(player.playerId())
                    .setClientVersion(CLIENT_VERSION)), new Pending(Kind.LOGIN, run));
        }
    }

    private void send(Channel ch, ClientMessage.Builder message, Pending what) {
        long id = nextRequestId++;
        pending.put(id, what);
        ch.write(message.setVersion(ProtocolVersion.CURRENT).setRequestId(id).build(), ch.voidPromise());
    }

    private void onMessage(Channel ch, ServerMessage message) {
        if (message.getRequestId() == 0) {
            onPush(message);
            return;
        }
        Pending what = pending.remove(message.getRequestId());
        if (what == null || what.run.over) {
            return;
        }
        Run run = what.run;
        if (message.hasError()) {
            end(run, () -> recorder.failed(run.scheduledNs, what.kind.name().toLowerCase() + ":"
                    + message.getError().getCode().name().replace("ERROR_CODE_", "").toLowerCase()));
            return;
        }
        long now = System.nanoTime();
        switch (what.kind) {
            case LOGIN -> {
                if (message.getLoginOk().getPlayerId().equals(run.ticket.leader())) {
                    run.leaderSession = message.getLoginOk().getSessionToken();
                }
                if (--run.loginsDue == 0) {
                    JoinQueue.Builder join = JoinQueue.newBuilder().setSessionToken(run.leaderSession)
                            .setMode(run.ticket.mode().wire()).setRegion(run.ticket.region())
                            .addAllPartyPlayerIds(run.ticket.members());
                    run.ticket.rttMs().forEach((region, rtt) -> join.addRegionRtts(
                            RegionRtt.newBuilder().setRegion(region).setRttMs(rtt)));
                    send(ch, ClientMessage.newBuilder().setJoinQueue(join), new Pending(Kind.JOIN, run));
                }
            }
            case JOIN -> recorder.joined(run.scheduledNs, now);
        }
    }

    private void onPush(ServerMessage message) {
        if (!message.hasMatchFound()) {
            return; // queue updates while waiting
        }
        Run run = byLeader.get(message.getPlayerId());
        if (run == null || run.over) {
            return; // a party member's MatchFound: the leader's ends the ticket
        }
        long now = System.nanoTime();
        end(run, () -> recorder.matched(run.ticket.mode(), run.scheduledNs, now, run.ticket.players().size()));
    }

    private void end(Run run, Runnable record) {
        run.over = true;
        byLeader.remove(run.ticket.leader());
        record.run();
        open--;
        if (retired && open == 0) {
            channel.close(); // set long before any ticket ends
        }
    }

    private void onClosed() {
        for (Run run : byLeader.values()) {
            if (!run.over) {
                run.over = true;
                recorder.failed(run.scheduledNs, "closed");
            }
        }
        byLeader.clear();
        pending.clear();
        unsent.clear();
    }

    /** Closes now; tickets still open count as unmatched ("closed"). */
    void close() {
        channel.close().awaitUninterruptibly();
    }

    boolean isOpen() {
        return channel.isActive();
    }
}
