package io.skirmish.game;

import java.time.Duration;

import io.skirmish.game.tick.TickConfig;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.kit.config.Checks;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.net.guard.ClientPortConfig;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.protocol.token.KeyRingSource;

/**
 * Everything a game server process is configured with, validated at start-up (a bad value names
 * its option and stops the process).
 *
 * @param serverId        registry id; connect tokens and allocations name it
 * @param region          region this server serves
 * @param bindHost        address the sockets bind
 * @param publicHost      address advertised to clients through the registry
 * @param tcpPort         reliable channel port (0 = any free port)
 * @param udpPort         real-time channel port (0 = any free port)
 * @param opsPort         /metrics, /health, /ready (0 = any free port)
 * @param tickAgents      tick threads, each running its own set of matches
 * @param tcpThreads      Netty TCP worker threads
 * @param udpThreads      UDP sockets and their threads on the one UDP port (above 1: epoll with SO_REUSEPORT)
 * @param capacityPlayers most players hosted at once
 * @param tick            tick loop settings
 * @param rules           game constants
 * @param redis           where the registry, allocations and streams live
 * @param connectKeys     keys that verify connect tokens (the game server holds no session keys)
 * @param heartbeat       registry heartbeat period
 * @param drainTimeout    on SIGTERM, how long running matches may take to finish
 * @param clientTransport TLS and connection limits of the TCP port (the Connect deadline is its handshake timeout)
 * @param udpSilence      no snapshot goes to a connection whose last authentic packet is older than this, and
 *                        its slot enters the reconnect grace
 */
public record GameServerConfig(String serverId, String region, String bindHost, String publicHost, int tcpPort,
                               int udpPort, int opsPort, int tickAgents, int tcpThreads, int udpThreads, int capacityPlayers,
                               TickConfig tick, ArenaRules rules, RedisAddress redis, KeyRingSource connectKeys,
                               Duration heartbeat, Duration drainTimeout, ClientPortConfig clientTransport,
                               Duration udpSilence) {

    /** A plaintext TCP port with the default limits: in-process tests and benchmarks. */
    public static final ClientPortConfig PLAINTEXT_PORT = ClientPortConfig.plaintext(Duration.ofSeconds(10),
            Duration.ofMinutes(10));
    public static final Duration DEFAULT_UDP_SILENCE = Duration.ofSeconds(3);

    /** The configuration with a plaintext port and the default UDP silence, for in-process servers. */
    public GameServerConfig(String serverId, String region, String bindHost, String publicHost, int tcpPort,
                            int udpPort, int opsPort, int tickAgents, int tcpThreads, int udpThreads, int capacityPlayers,
                            TickConfig tick, ArenaRules rules, RedisAddress redis, KeyRingSource connectKeys,
                            Duration heartbeat, Duration drainTimeout) {
        this(serverId, region, bindHost, publicHost, tcpPort, udpPort, opsPort, tickAgents, tcpThreads, udpThreads,
                capacityPlayers, tick, rules, redis, connectKeys, heartbeat, drainTimeout, PLAINTEXT_PORT,
                DEFAULT_UDP_SILENCE);
    }

    public GameServerConfig {
        Checks.notBlank("server-id", serverId);
        if (!serverId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("server-id", serverId, "expected 1-64 letters, digits, '.', '_' or '-'");
        }
        Checks.notBlank("region", region);
        Checks.notBlank("bind-host", bindHost);
        Checks.notBlank("public-host", publicHost);
        Checks.port("tcp-port", tcpPort);
        Checks.port("udp-port", udpPort);
        Checks.port("ops-port", opsPort);
        Checks.inRange("tick-agents", tickAgents, 1, 256);
        Checks.inRange("tcp-threads", tcpThreads, 1, 256);
        Checks.inRange("udp-threads", udpThreads, 1, 64);
        Checks.inRange("capacity-players", capacityPlayers, 1, 1_000_000);
        Checks.notNull("tick", tick);
        Checks.notNull("rules", rules);
        Checks.notNull("redis-url", redis);
        Checks.notNull("connect-keys", connectKeys);
        Checks.positive("heartbeat", heartbeat);
        Checks.positive("drain-timeout", drainTimeout);
        Checks.notNull("client-transport", clientTransport);
        Checks.positive("udp-silence", udpSilence);
    }

    public GameServerConfig withClientTransport(ClientPortConfig port) {
        return new GameServerConfig(serverId, region, bindHost, publicHost, tcpPort, udpPort, opsPort, tickAgents,
                tcpThreads, udpThreads, capacityPlayers, tick, rules, redis, connectKeys, heartbeat, drainTimeout, port,
                udpSilence);
    }

    public GameServerConfig withUdpSilence(Duration silence) {
        return new GameServerConfig(serverId, region, bindHost, publicHost, tcpPort, udpPort, opsPort, tickAgents,
                tcpThreads, udpThreads, capacityPlayers, tick, rules, redis, connectKeys, heartbeat, drainTimeout,
                clientTransport, silence);
    }
}
