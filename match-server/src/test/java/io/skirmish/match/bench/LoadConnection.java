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
import io.skirmish.protocol.tcp.EnvelopeDecoder;
import io.skirmish.protocol.tcp.FrameDecoder;
import io.skirmish.protocol.tcp.FrameEncoder;

import java.net.InetSocketAddress;
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

    private final Channel channel;
    private final StepRecorder recorder;
    private final int capacity;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<String, Run> byLeader = new HashMap<>();
    private long nextRequestId = 1;
    private int assignedPlayers; // generator thread
    private boolean full; // generator thread
    private int open; // event loop
    private boolean retired; // event loop

    private LoadConnection(Channel channel, StepRecorder recorder, int capacity) {
        this.channel = channel;
        this.recorder = recorder;
        this.capacity = capacity;
    }

    static LoadConnection open(EventLoopGroup group, int port, StepRecorder recorder, int capacity) {
        LoadConnection[] holder = new LoadConnection[1];
        Channel channel = new Bootstrap().group(group).channel(Transports.best().socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new FrameDecoder())
                                .addLast(new EnvelopeDecoder<>(ServerMessage.getDefaultInstance()))
                                .addLast(new FrameEncoder())
                                .addLast(new SimpleChannelInboundHandler<ServerMessage>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ServerMessage msg) {
                                        holder[0].onMessage(msg);
                                    }

                                    @Override
                                    public void channelReadComplete(ChannelHandlerContext ctx) {
                                        ctx.flush();
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        holder[0].onClosed();
                                    }
                                });
                    }
                }).connect(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        holder[0] = new LoadConnection(channel, recorder, capacity);
        return holder[0];
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
        channel.eventLoop().execute(() -> {
            retired |= last;
            if (retired && tickets.isEmpty() && open == 0) {
                channel.close();
                return;
            }
            for (int i = 0; i < tickets.size(); i++) {
                Run run = new Run(tickets.get(i), scheduledNs.get(i));
                open++;
                byLeader.put(run.ticket.leader(), run);
                for (ArrivalMix.Rating player : run.ticket.players()) {
                    send(ClientMessage.newBuilder().setLogin(Login.newBuilder().setPlayerId(player.playerId())
                            .setClientVersion("bench")), new Pending(Kind.LOGIN, run));
                }
            }
            channel.flush();
        });
    }

    private void send(ClientMessage.Builder message, Pending what) {
        long id = nextRequestId++;
        pending.put(id, what);
        channel.write(message.setVersion(ProtocolVersion.CURRENT).setRequestId(id).build(), channel.voidPromise());
    }

    private void onMessage(ServerMessage message) {
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
                    send(ClientMessage.newBuilder().setJoinQueue(join), new Pending(Kind.JOIN, run));
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
            channel.close();
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
    }

    /** Closes now; tickets still open count as unmatched ("closed"). */
    void close() {
        channel.close().awaitUninterruptibly();
    }

    boolean isOpen() {
        return channel.isActive();
    }
}
