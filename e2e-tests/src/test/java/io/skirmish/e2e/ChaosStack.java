package io.skirmish.e2e;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.faults.FaultControl;
import io.skirmish.faults.FaultProfile;
import io.skirmish.faults.TcpFaultProxy;
import io.skirmish.faults.UdpFaultProxy;
import io.skirmish.testkit.process.ElasticsearchConfig;
import io.skirmish.testkit.process.ElasticsearchProcess;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.JavaServiceProcess;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.testkit.process.RedisClusterConfig;
import io.skirmish.testkit.process.RedisClusterProcess;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.agrona.concurrent.SystemNanoClock;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The whole stack with its faults within reach: its own Redis (append-only file, restartable),
 * its own Elasticsearch (stoppable), every service reaching Redis through a fault proxy
 * ({@link #redisLink}, and {@link #gameRedisLink} for the game servers), and game servers that clients reach only through fault proxies
 * ({@link #gameLink}: TCP and UDP on 127.0.0.2 with the server's own ports).
 *
 * <p>With {@link RedisTopology#CLUSTER} Redis is a Redis Cluster of 3 masters with one replica
 * each instead, which the services reach directly: a cluster client learns every node's address
 * from the cluster itself, so one proxy in front of it would be bypassed after the first
 * redirect. There the Redis faults are a master killed and failed over ({@link #killRegistryMaster}),
 * not link faults.
 *
 * <p>The test reads Redis and Elasticsearch directly ({@link #directRedisUrl()}), never through
 * a proxy, so the final read sees what was stored, not what a faulty link shows.
 */
final class ChaosStack implements AutoCloseable {

    /** The bad link to the game servers the drills play over, both ways, TCP and UDP. */
    static final FaultProfile BAD_GAME_LINK = FaultProfile.NONE.withLatency(50, 20).withLoss(0.05)
            .withReorder(0.02).withDuplicates(0.02);
    /** A slow, lossy link to Redis (on TCP, a lost segment stalls the stream by a retransmission). */
    static final FaultProfile BAD_REDIS_LINK = FaultProfile.NONE.withLatency(20, 10).withLoss(0.1);
    /** How long the game servers' Redis link is partitioned: under their 3 s heartbeat TTL. */
    static final Duration GAME_REDIS_PARTITION = Duration.ofSeconds(2);

    /** Where clients find the game servers: the proxies' side of the loopback. */
    static final String GAME_LINK_HOST = "127.0.0.2";

    /** The match-server's, the ranking-server's and the log-shipper's way to Redis. */
    final FaultControl redisLink = new FaultControl();
    /**
     * The game servers' way to Redis, switched apart: a game server cut from Redis for longer
     * than its heartbeat TTL (3 s) is, by design, a lost server (its matches are aborted).
     */
    final FaultControl gameRedisLink = new FaultControl();
    final FaultControl gameLink = new FaultControl();
    private final Path work;
    private final Duration maxMatch;
    /** One Redis node, or null on a cluster. */
    private final RedisServerProcess redis;
    /** The Redis Cluster, or null on one node. */
    private final RedisClusterProcess cluster;
    private final ElasticsearchProcess elasticsearch;
    private final TcpFaultProxy redisProxy;
    private final TcpFaultProxy gameRedisProxy;
    private final List<AutoCloseable> gameProxies = new ArrayList<>();
    private final Map<String, JavaServiceProcess> gameServers = new LinkedHashMap<>();
    private final WholeStack stack;
    /** The second match-server and ranking-server, and HAProxy in front of both pairs (the bots' way in). */
    private final WholeStack.Replica secondMatch;
    private final WholeStack.Replica secondRanking;
    private final HaproxyFront haproxy;
    /** Services killed for good (their replica behind HAProxy carries on): not expected ready. */
    private final java.util.Set<String> retired = new java.util.HashSet<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private long seed = 17;

    ChaosStack(Path work, Duration maxMatch) {
        this(work, maxMatch, RedisTopology.SINGLE);
    }

    ChaosStack(Path work, Duration maxMatch, RedisTopology topology) {
        this.work = work;
        this.maxMatch = maxMatch;
        Map<String, String> redisUrls;
        if (topology == RedisTopology.CLUSTER) {
            redis = null;
            redisProxy = null;
            gameRedisProxy = null;
            // Redis's default node timeout: shorter ones made a loaded 2-core box flap (ClusterFailoverDrillIT).
            cluster = RedisClusterProcess.start(RedisClusterConfig.defaults(work.resolve("redis"))
                    .withReplicasPerMaster(1).withNodeTimeout(Duration.ofSeconds(5)));
            String url = clusterUrl();
            redisUrls = Map.of("game-server", url, "match-server", url, "ranking-server", url, "log-shipper", url);
        } else {
            cluster = null;
            // everysec, as the local stack runs. A clean restart (SHUTDOWN) writes the file out; a crash
            // (kill -9) of the process loses nothing acknowledged either (Redis writes the file before it
            // replies; the page cache outlives the process), so no acknowledged write may be missing.
            redis = RedisServerProcess.start(RedisServerConfig.defaults(work.resolve("redis"))
                    .withExtraArgs("--appendonly", "yes", "--appendfsync", "everysec"));
            redisProxy = new TcpFaultProxy(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", redis.port()), redisLink, SystemNanoClock.INSTANCE, seed++);
            gameRedisProxy = new TcpFaultProxy(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", redis.port()), gameRedisLink, SystemNanoClock.INSTANCE, seed++);
            String viaProxy = "redis://127.0.0.1:" + redisProxy.address().getPort();
            String gameViaProxy = "redis://127.0.0.1:" + gameRedisProxy.address().getPort();
            redisUrls = Map.of("game-server", gameViaProxy, "match-server", viaProxy, "ranking-server", viaProxy,
                    "log-shipper", viaProxy);
        }
        elasticsearch = ElasticsearchProcess.start(ElasticsearchConfig.defaults(work.resolve("es")));
        stack = new WholeStack(work, redisUrls, elasticsearch.endpoint().uri().toString())
                .withArgs("match-server", "--instance-id=" + FIRST_MATCH_SERVER);
        stack.startMatchAndRanking();
        secondMatch = stack.matchServer("match-server-2", "match-b");
        secondRanking = stack.rankingServer("ranking-server-2");
        haproxy = new HaproxyFront(work.resolve("haproxy"), Map.of(
                "match-server-1", new HaproxyFront.Backend(stack.matchPort, stack.matchOps),
                "match-server-2", new HaproxyFront.Backend(secondMatch.port(), secondMatch.opsPort()),
                "ranking-server-1", new HaproxyFront.Backend(stack.rankingPort, stack.rankingOps),
                "ranking-server-2", new HaproxyFront.Backend(secondRanking.port(), secondRanking.opsPort()))).start();
        stack.startLogShipper();
    }

    /** Instance id of the first match-server, the one {@link #killFirstMatchServer} kills. */
    static final String FIRST_MATCH_SERVER = "match-a";

    /** {@code kill -9} of the first match-server; the second one, behind HAProxy, carries on alone. */
    void killFirstMatchServer() {
        retired.add("match-server");
        stack.process("match-server").kill();
    }

    /** A game server behind its own TCP and UDP fault proxies, both switched by {@link #gameLink}. */
    JavaServiceProcess addGameServer(String serverId) {
        int tcpPort = FreePorts.next();
        int udpPort = FreePorts.next();
        gameProxies.add(new TcpFaultProxy(new InetSocketAddress(GAME_LINK_HOST, tcpPort),
                new InetSocketAddress("127.0.0.1", tcpPort), gameLink, SystemNanoClock.INSTANCE, seed++));
        gameProxies.add(new UdpFaultProxy(new InetSocketAddress(GAME_LINK_HOST, udpPort),
                new InetSocketAddress("127.0.0.1", udpPort), gameLink, SystemNanoClock.INSTANCE, seed++, 60_000));
        JavaServiceProcess server = stack.gameServer(serverId, maxMatch, Duration.ofSeconds(20), tcpPort, udpPort,
                "--public-host=" + GAME_LINK_HOST);
        gameServers.put(serverId, server);
        return server;
    }

    JavaServiceProcess gameServer(String serverId) {
        return gameServers.get(serverId);
    }

    /** Restarts Redis cleanly (SHUTDOWN, then the same port and append-only file). */
    void restartRedis() {
        singleNode().restart();
    }

    /**
     * Crashes Redis ({@code kill -9}, no SHUTDOWN, so nothing is written out) and starts it again
     * from its append-only file, on the same port.
     */
    void crashRedis() {
        singleNode().kill();
        singleNode().start();
    }

    private RedisServerProcess singleNode() {
        if (redis == null) {
            throw new IllegalStateException("this stack runs a Redis Cluster");
        }
        return redis;
    }

    /**
     * {@code kill -9} of the cluster master serving the {@code {gs}} slot (registry, allocations,
     * match fates): what every service depends on. Returns the killed node.
     */
    RedisServerProcess killRegistryMaster() {
        return redisCluster().killMasterServing(JedisClusterCRC16.getSlot(RegistryKeys.hosting()));
    }

    /** Waits until every node agrees on the replica promoted for the {@code {gs}} slot. */
    RedisServerProcess awaitRegistryPromotion(RedisServerProcess killed) {
        return redisCluster().awaitPromotion(JedisClusterCRC16.getSlot(RegistryKeys.hosting()), killed);
    }

    /** Starts a killed cluster node again (a failed-over master rejoins as a replica) and waits for a healthy cluster. */
    void rejoin(RedisServerProcess killed) {
        killed.start();
        redisCluster().awaitHealthy();
    }

    private RedisClusterProcess redisCluster() {
        if (cluster == null) {
            throw new IllegalStateException("this stack runs one Redis node");
        }
        return cluster;
    }

    boolean onCluster() {
        return cluster != null;
    }

    private String clusterUrl() {
        return "redis-cluster://" + String.join(",", cluster.endpoint().nodes().stream().map(Object::toString).toList());
    }

    void stopElasticsearch() {
        elasticsearch.stop();
    }

    void startElasticsearch() {
        elasticsearch.start();
    }

    String directRedisUrl() {
        return cluster != null ? clusterUrl() : redis.endpoint().uri().toString();
    }

    URI elasticsearchUri() {
        return elasticsearch.endpoint().uri();
    }

    io.skirmish.testkit.process.ElasticsearchEndpoint elasticsearchEndpoint() {
        return elasticsearch.endpoint();
    }

    /** HAProxy's match port (two match-servers behind it). */
    int matchPort() {
        return haproxy.port(7600);
    }

    /** HAProxy's ranking port (two ranking-servers behind it). */
    int rankingPort() {
        return haproxy.port(7720);
    }

    Map<String, String> metricsEndpoints() {
        return stack.metricsEndpoints();
    }

    /** True when every service but the game servers answers {@code /ready} with 200. */
    boolean servicesReady() {
        for (Map.Entry<String, Integer> ops : stack.opsPorts().entrySet()) {
            if (ops.getKey().equals("game-server") || retired.contains(ops.getKey())) {
                continue;
            }
            if (!ready(ops.getValue())) {
                return false;
            }
        }
        return ready(secondMatch.opsPort()) && ready(secondRanking.opsPort());
    }

    private boolean ready(int port) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        haproxy.close();
        stack.close();
        for (AutoCloseable proxy : gameProxies) {
            proxy.close();
        }
        if (redisProxy != null) {
            redisProxy.close();
            gameRedisProxy.close();
        }
        elasticsearch.close();
        (cluster != null ? cluster : redis).close();
    }
}
