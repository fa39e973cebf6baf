package io.skirmish.match;

import io.skirmish.kit.config.Checks;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.net.guard.ClientPortConfig;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.match.admission.AdmissionConfig;
import io.skirmish.match.net.ClientVersion;
import io.skirmish.match.net.RequestLimit;
import io.skirmish.match.queue.MatchmakerConfig;
import io.skirmish.match.auth.LoginConfig;
import io.skirmish.protocol.token.KeyRingSource;

import java.time.Duration;

/**
 * Everything a match-server process is configured with, validated at start-up (a bad value
 * names its option and stops the process with exit status 2).
 *
 * @param bindHost                address the client and ops sockets bind
 * @param clientPort              client TCP port (0 = any free port)
 * @param opsPort                 /metrics, /health, /ready (0 = any free port)
 * @param tcpThreads              Netty event-loop threads
 * @param workerThreads           threads for leave and status requests (they touch Redis)
 * @param joinThreads             threads that write joins to Redis in batches
 * @param redis                   where tickets, registry and streams live
 * @param sessionKeys             keys of session tokens (shared by the match-server instances only)
 * @param connectKeys             keys of connect tokens (shared with the game servers)
 * @param login                   identity kinds, ID token checks and login limits
 * @param partyInviteTtl          how long a party invite may be accepted
 * @param sessionTtl              lifetime of a session token
 * @param statusInterval          period of QueueUpdate pushes to waiting players
 * @param maxPlayersPerConnection players one connection may speak for
 * @param requestLimit            requests per second and burst on a connection ({@code RATE_LIMITED} beyond)
 * @param joinLimit               queue joins per second and burst per player ({@code RATE_LIMITED} beyond)
 * @param maxInFlight             requests of one connection waiting for workers and Redis at once ({@code SERVER_BUSY} beyond)
 * @param minClientVersion        oldest client build allowed to log in ({@code CLIENT_OUTDATED} below); null = any
 * @param reserveWindow           how long an allocation's players count against a game server
 * @param matchmaker              formation and queue settings
 * @param clientTransport         TLS and connection limits of the client port (the Login deadline is its handshake timeout)
 * @param admission               how overload is shed at the request front door
 */
public record MatchServerConfig(String bindHost, int clientPort, int opsPort, int tcpThreads, int workerThreads,
                                int joinThreads, RedisAddress redis, KeyRingSource sessionKeys,
                                KeyRingSource connectKeys, LoginConfig login, Duration partyInviteTtl,
                                Duration sessionTtl,
                                Duration statusInterval, int maxPlayersPerConnection, RequestLimit requestLimit,
                                RequestLimit joinLimit, int maxInFlight,
                                ClientVersion minClientVersion, Duration reserveWindow, MatchmakerConfig matchmaker,
                                ClientPortConfig clientTransport, AdmissionConfig admission) {

    /** A plaintext client port with the default limits: in-process tests and benchmarks. */
    public static final ClientPortConfig PLAINTEXT_PORT = ClientPortConfig.plaintext(Duration.ofSeconds(10),
            Duration.ofMinutes(10));

    /** The configuration with a plaintext client port and the default admission, for in-process servers. */
    public MatchServerConfig(String bindHost, int clientPort, int opsPort, int tcpThreads, int workerThreads,
                             int joinThreads, RedisAddress redis, KeyRingSource sessionKeys, KeyRingSource connectKeys,
                             LoginConfig login, Duration partyInviteTtl, Duration sessionTtl, Duration statusInterval,
                             int maxPlayersPerConnection, RequestLimit requestLimit, RequestLimit joinLimit,
                             int maxInFlight, ClientVersion minClientVersion, Duration reserveWindow,
                             MatchmakerConfig matchmaker) {
        this(bindHost, clientPort, opsPort, tcpThreads, workerThreads, joinThreads, redis, sessionKeys, connectKeys,
                login, partyInviteTtl, sessionTtl, statusInterval, maxPlayersPerConnection, requestLimit, joinLimit,
                maxInFlight, minClientVersion, reserveWindow, matchmaker, PLAINTEXT_PORT, AdmissionConfig.DEFAULTS);
    }

    /**
     * Redis connections the process needs so that no thread waits for one: every worker, join
     * batcher and placement thread at once, plus formation, housekeeping, events, the pub/sub
     * subscription and status pushes.
     */
    public int redisConnections() {
        return workerThreads + joinThreads + matchmaker.placementThreads() + 6;
    }

    public MatchServerConfig {
        Checks.notBlank("bind-host", bindHost);
        Checks.port("client-port", clientPort);
        Checks.port("ops-port", opsPort);
        Checks.inRange("tcp-threads", tcpThreads, 1, 256);
        Checks.inRange("worker-threads", workerThreads, 1, 1024);
        Checks.inRange("join-threads", joinThreads, 1, 64);
        Checks.notNull("redis-url", redis);
        Checks.notNull("session-keys", sessionKeys);
        Checks.notNull("connect-keys", connectKeys);
        Checks.notNull("login", login);
        Checks.positive("party-invite-ttl", partyInviteTtl);
        Checks.positive("session-ttl", sessionTtl);
        Checks.positive("status-interval", statusInterval);
        Checks.inRange("max-players-per-connection", maxPlayersPerConnection, 1, 100_000);
        Checks.notNull("rate-limit", requestLimit);
        Checks.notNull("join-limit", joinLimit);
        Checks.inRange("max-in-flight", maxInFlight, 1, 100_000);
        Checks.positive("reserve-window", reserveWindow);
        Checks.notNull("client-transport", clientTransport);
        Checks.notNull("admission", admission);
        Checks.notNull("matchmaker", matchmaker);
        Checks.notBlank("instance-id", matchmaker.instanceId());
        if (!matchmaker.instanceId().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("instance-id", matchmaker.instanceId(), "expected 1-64 letters, digits, '.', '_' or '-'");
        }
        if (matchmaker.regions().isEmpty()) {
            throw new ConfigException("regions", matchmaker.regions(), "expected at least one region");
        }
        for (String region : matchmaker.regions()) {
            if (!region.matches("[a-z0-9-]{1,32}")) {
                throw new ConfigException("regions", region, "expected 1-32 of a-z, 0-9, '-'");
            }
        }
        Checks.positive("formation-interval", matchmaker.formationInterval());
        Checks.inRange("snapshot-limit", matchmaker.snapshotLimit(), 8, 100_000);
        Checks.inRange("max-queue-size", matchmaker.maxQueueSize(), 1, 10_000_000);
        Checks.positive("max-expected-wait", matchmaker.maxExpectedWait());
        Checks.positive("claim-timeout", matchmaker.claimTimeout());
        Checks.positive("owner-lease", matchmaker.ownerLease());
        Checks.positive("ticket-ttl", matchmaker.ticketTtl());
        Checks.positive("formation-lease", matchmaker.formationLease());
        Checks.positive("connect-token-ttl", matchmaker.connectTokenTtl());
        Checks.inRange("placement-threads", matchmaker.placementThreads(), 1, 256);
    }
}
