package io.skirmish.game.registry;

import io.skirmish.protocol.contract.RegistryKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.match.Modes;
import io.skirmish.game.world.MatchMode;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.protocol.BoundedParser;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.KeyValue;

/**
 * Takes the matches the match-server allocated to this server from its Redis list
 * ({@code BLPOP}, so a new match starts within milliseconds without busy polling), checks
 * them, and hands each to {@code host}. A malformed or foreign allocation is logged and
 * dropped: it must never stop the server from taking the next one. An allocation of this
 * incarnation that it does not host (refused by {@code host}: full or draining; or invalid) is
 * handed back through {@code refusals}, so the match-servers abort its match and requeue its
 * players instead of leaving them to wait for a match that never starts.
 *
 * <p>Runs on its own thread; {@link #pollOnce} blocks at most {@code blockSeconds}.
 */
public final class AllocationPoller {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationPoller.class);
    private static final BoundedParser<MatchAllocation> PARSER =
            new BoundedParser<>(MatchAllocation.parser(), 16 * 1024);

    /** What hosting a match amounts to; false when the server does not take it (full, draining). */
    @FunctionalInterface
    public interface MatchHost {
        boolean host(MatchSpec spec);
    }

    /** Where a match this incarnation was given and will not host goes back ({@link HostedMatches#refused}). */
    @FunctionalInterface
    public interface Refusals {
        void refused(String matchId, String reason);
    }

    private final UnifiedJedis redis;
    private final String serverId;
    private final String incarnation;
    private final double blockSeconds;
    private final MatchHost host;
    private final Refusals refusals;
    private final RateLimitedLog badAllocations = RateLimitedLog.perMinute(LOG);
    private long rejected;

    public AllocationPoller(UnifiedJedis redis, String serverId, String incarnation, double blockSeconds,
                            MatchHost host, Refusals refusals) {
        this.redis = redis;
        this.serverId = serverId;
        this.incarnation = incarnation;
        this.blockSeconds = blockSeconds;
        this.host = host;
        this.refusals = refusals;
    }

    /** Waits for one allocation and hosts it; returns whether one arrived. */
    public boolean pollOnce() {
        byte[] key = RegistryKeys.allocations(serverId).getBytes(StandardCharsets.UTF_8);
        KeyValue<byte[], byte[]> popped = redis.blpop(blockSeconds, key);
        if (popped == null) {
            return false;
        }
        MatchSpec spec = parse(popped.getValue());
        if (spec == null) {
            rejected++;
            return true;
        }
        if (!host.host(spec)) {
            rejected++;
            badAllocations.warn("full", "allocation refused: server full or draining matchId={}", spec.matchId());
            refusals.refused(spec.matchId(), "refused");
        }
        return true;
    }

    /** Allocations waiting in this server's list (a draining server takes them before it stops polling). */
    public long waiting() {
        return redis.llen(RegistryKeys.allocations(serverId));
    }

    /** Allocations dropped as malformed, foreign or over capacity. */
    public long rejected() {
        return rejected;
    }

    MatchSpec parse(byte[] bytes) {
        MatchAllocation allocation;
        try {
            allocation = PARSER.parse(bytes, 0, bytes.length);
        } catch (ProtocolException e) {
            badAllocations.warn("malformed", "allocation dropped: {}", e.getMessage());
            return null;
        }
        if (!serverId.equals(allocation.getGameServerId())) {
            badAllocations.warn("foreign", "allocation dropped: it is for server {} matchId={}",
                    allocation.getGameServerId(), allocation.getMatchId());
            return null;
        }
        // An allocation made to an earlier life of this id: its match was (or will be) aborted as
        // lost with that life, so hosting it now would resurrect a match its players have left.
        if (!allocation.getGameServerIncarnation().isEmpty()
                && !incarnation.equals(allocation.getGameServerIncarnation())) {
            badAllocations.warn("stale", "allocation dropped: it is for incarnation {} of this server, not {} matchId={}",
                    allocation.getGameServerIncarnation(), incarnation, allocation.getMatchId());
            return null;
        }
        MatchMode mode = Modes.fromWire(allocation.getMode());
        if (mode == null) {
            badAllocations.warn("mode", "allocation dropped: unknown mode {} matchId={}", allocation.getMode(),
                    allocation.getMatchId());
            refusals.refused(allocation.getMatchId(), "invalid_allocation");
            return null;
        }
        try {
            List<String> players = allocation.getPlayersList().stream().map(AllocatedPlayer::getPlayerId).toList();
            return new MatchSpec(allocation.getMatchId(), mode, allocation.getRegion(), players,
                    allocation.getQuality(), allocation.getAllocatedAtMs());
        } catch (IllegalArgumentException e) {
            badAllocations.warn("invalid", "allocation dropped: {}", e.getMessage());
            refusals.refused(allocation.getMatchId(), "invalid_allocation");
            return null;
        }
    }

}
