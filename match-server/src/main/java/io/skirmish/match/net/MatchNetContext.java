package io.skirmish.match.net;

import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.match.admission.LoginShedding;
import io.skirmish.match.admission.RequestWorkers;
import io.skirmish.match.auth.LoginAuthenticator;
import io.skirmish.match.party.PartyService;
import io.skirmish.match.queue.MatchMetrics;
import io.skirmish.match.queue.JoinBatcher;
import io.skirmish.match.queue.QueueService;
import io.skirmish.protocol.token.SessionTokens;

import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * What every connection handler shares.
 *
 * @param sessions              signs and checks session tokens
 * @param logins                checks a Login's identity (and the per-account login limit)
 * @param loginsPerAddress      login attempts per source IP
 * @param parties               party requests (blocking: run on {@code workers})
 * @param trustedParties        development mode: JoinQueue.party_player_ids is taken on trust
 * @param queue                 queue requests (blocking: run on {@code workers}, joins on {@code joins})
 * @param joins                 batches joins into few Redis round trips
 * @param hub                   player-to-connection map and push delivery
 * @param workers               bounded pool for requests that touch Redis; drops those that waited too long
 * @param metrics               meters
 * @param badInputLog           rate-limited log of refused requests
 * @param clock                 wall clock
 * @param maxPlayersPerConnection how many players one connection may speak for
 * @param requestLimit          per-player request budget of a connection ({@link RequestLimit#OFF}: none)
 * @param minClientVersion      oldest client build that may log in, null for any
 * @param joinsPerAccount       queue joins per player
 * @param maxInFlight           requests of one connection waiting for workers and Redis at once
 * @param nanoClock             monotonic nanoseconds for the request, login and join limits
 * @param loginShedding         which new logins to refuse while the request queues stand
 */
public record MatchNetContext(SessionTokens sessions, LoginAuthenticator logins, KeyedRateLimiter loginsPerAddress,
                              PartyService parties, boolean trustedParties, QueueService queue, JoinBatcher joins, SessionHub hub,
                              RequestWorkers workers, MatchMetrics metrics, RateLimitedLog badInputLog,
                              InstantSource clock, int maxPlayersPerConnection, RequestLimit requestLimit,
                              ClientVersion minClientVersion, KeyedRateLimiter joinsPerAccount, int maxInFlight,
                              LongSupplier nanoClock, LoginShedding loginShedding) {

    /**
     * How long the request queues stand, as login shedding reads it: the longer of the workers'
     * ({@link RequestWorkers#standingNs}) and the oldest join's wait for a batch.
     */
    public long standingNs() {
        return Math.max(workers.standingNs(), joins.oldestWaitNs());
    }
}
