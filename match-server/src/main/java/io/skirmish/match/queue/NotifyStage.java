package io.skirmish.match.queue;

import io.skirmish.kit.events.EventDoc;
import io.skirmish.match.rules.Candidate;
import io.skirmish.match.rules.Proposal;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.token.ConnectTokenClaims;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.SignedToken;
import com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Stage "notify": tells players and dashboards what a round did. Players get their
 * {@code MatchFound} (with a freshly signed connect token), a "waiting for a server" update, or a
 * "not queued" update when their ticket expired, each batch in one push call; every placed match
 * gets its metrics, a {@code match_formed} event and a debug line. Called on placement threads;
 * {@link #matchFound} also on request threads (a status request re-sends it).
 */
final class NotifyStage {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyStage.class);

    private final MatchmakerConfig config;
    private final ConnectTokenIssuer issuer;
    private final Pushes pushes;
    private final MatchmakerPorts.EventSink events;
    private final MatchMetrics metrics;
    private final ToLongFunction<MatchKeys.Queue> sizes;

    NotifyStage(MatchmakerConfig config, ConnectTokenIssuer issuer, Pushes pushes, MatchmakerPorts.EventSink events,
                MatchMetrics metrics, ToLongFunction<MatchKeys.Queue> sizes) {
        this.config = config;
        this.issuer = issuer;
        this.pushes = pushes;
        this.events = events;
        this.metrics = metrics;
        this.sizes = sizes;
    }

    /** Sends {@code MatchFound} to every player of the committed tickets that has a slot in the match. */
    void matchesFound(MatchKeys.Queue queue, List<SettleStage.Settled> settled) {
        List<Pushes.Push> found = new ArrayList<>();
        for (SettleStage.Settled match : settled) {
            SettleStage.Settle settle = match.match();
            Map<String, Integer> teams = SettleStage.parseSlots(settle.placement().slots());
            for (TicketStore.Committed ticket : match.tickets()) {
                for (String player : ticket.players()) {
                    Integer team = teams.get(player);
                    if (team != null) {
                        found.add(new Pushes.Push(player, matchFound(player, settle.matchId(), team, queue.mode(),
                                settle.region(), settle.placement())));
                    }
                }
            }
        }
        pushes.pushAll(found);
    }

    /** Tells each group's leader that its match found no server and its ticket waits on. */
    void waitingForServer(MatchKeys.Queue home, List<ClaimStage.Placing> noServer, long nowMs) {
        if (noServer.isEmpty()) {
            return;
        }
        List<Pushes.Push> waiting = new ArrayList<>();
        for (ClaimStage.Placing next : noServer) {
            for (Candidate group : next.proposal().groups()) {
                waiting.add(new Pushes.Push(group.playerIds().get(0), waitingForServer(group, home.mode(), nowMs)));
            }
        }
        pushes.pushAll(waiting);
    }

    /** Counts the expired tickets and tells their leaders (if connected somewhere) they are no longer queued. */
    void expired(MatchKeys.Queue queue, List<TicketStore.Expired> expired) {
        List<Pushes.Push> told = new ArrayList<>();
        for (TicketStore.Expired ticket : expired) {
            metrics.ticket(queue.name(), "expired");
            if (!ticket.players().isEmpty()) {
                told.add(new Pushes.Push(ticket.players().get(0), ServerMessage.newBuilder()
                        .setVersion(ProtocolVersion.CURRENT).setQueueUpdate(QueueUpdate.newBuilder()
                                .setState(QueueState.QUEUE_STATE_NOT_QUEUED).setMode(queue.mode().wire())
                                .setRegion(queue.region()).setWaitedMs(config.ticketTtl().toMillis())).build()));
            }
        }
        pushes.pushAll(told);
    }

    /** Metrics, event and debug line of one placed match. */
    void formed(AllocateStage.Allocated match, long nowMs) {
        String matchId = match.placing().matchId();
        Proposal proposal = match.placing().proposal();
        Allocator.Placement placed = match.placement();
        QueueMode mode = proposal.mode();
        MatchKeys.Queue home = new MatchKeys.Queue(mode, proposal.region());
        for (Candidate group : proposal.groups()) {
            MatchKeys.Queue queue = new MatchKeys.Queue(mode, group.queueRegion());
            metrics.waited(queue.name(), group.waitMs(nowMs));
            metrics.ticket(queue.name(), "matched");
        }
        metrics.matchFormed(home.name(), mode.wireName(), proposal.quality(), proposal.skillWindow());
        events.offer(EventDoc.start("match_formed:" + matchId, "match_formed", nowMs, "match-server")
                .field("match_id", matchId).field("mode", mode.wireName()).field("region", proposal.region())
                .field("server_id", placed.serverId()).field("quality", proposal.quality())
                .field("wait_ms", proposal.oldestWaitMs()).field("skill_window", proposal.skillWindow())
                .field("players_count", (long) proposal.slots().size()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("match formed matchId={} queue={} server={} quality={} window={} waitMs={}", matchId,
                    home.name(), placed.serverId(), String.format(Locale.ROOT, "%.3f", proposal.quality()),
                    proposal.skillWindow(), proposal.oldestWaitMs());
        }
    }

    /** The MatchFound push for one player, with a freshly signed connect token. */
    ServerMessage matchFound(String playerId, String matchId, int team, QueueMode mode, String region,
                             Allocator.Placement placed) {
        SignedToken<ConnectTokenClaims> token = issuer.issue(playerId, matchId, placed.serverId(), team + 1, mode.wire());
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setMatchFound(MatchFound.newBuilder()
                .setMatchId(matchId).setMode(mode.wire()).setHost(placed.host()).setTcpPort(placed.tcpPort())
                .setUdpPort(placed.udpPort()).setConnectToken(ByteString.copyFrom(token.bytes())).setTeam(team + 1)
                .setExpiresAtMs(token.claims().expiresAtMs()).setRegion(region)
                .setConnectTokenId(ByteString.copyFrom(token.claims().tokenId()))).build();
    }

    private ServerMessage waitingForServer(Candidate group, QueueMode mode, long nowMs) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setQueueUpdate(QueueUpdate.newBuilder()
                .setState(QueueState.QUEUE_STATE_WAITING_FOR_SERVER).setReason(ErrorCode.ERROR_CODE_NO_SERVER_AVAILABLE)
                .setMode(mode.wire()).setRegion(group.queueRegion()).setWaitedMs(group.waitMs(nowMs))
                .setSkillWindow(config.rules(mode).skillWindow().at(group.waitMs(nowMs)))
                .setQueueSize((int) Math.min(Integer.MAX_VALUE,
                        sizes.applyAsLong(new MatchKeys.Queue(mode, group.queueRegion())))))
                .build();
    }
}
