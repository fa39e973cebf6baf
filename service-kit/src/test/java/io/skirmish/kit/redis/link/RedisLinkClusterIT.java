package io.skirmish.kit.redis.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.testkit.process.RedisAdmin;
import io.skirmish.testkit.process.RedisClusterConfig;
import io.skirmish.testkit.process.RedisClusterProcess;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The link on a real Redis Cluster with a replica per master: it follows its slot when the
 * master fails (killed: the connection breaks, the link looks the slot's master up again) and
 * when the master is demoted while its connection stays open (a manual failover: the old master
 * answers {@code MOVED}, the link moves to the node it names). In both cases the counter it
 * increments carries on from the replicated value.
 */
@Timeout(180)
class RedisLinkClusterIT {

    private static final String KEY = "{lk}:counter";
    private static final int SLOT = JedisClusterCRC16.getSlot(KEY);

    @TempDir
    Path workDir;

    private final EventLoopGroup group = Transports.best().group(1, "link-cluster-it");
    private final ExecutorService blocking = Executors.newSingleThreadExecutor();
    private final EventLoop loop = group.next();
    private RedisLink link;

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdownNow();
    }

    @Test
    void followsTheSlotToTheReplicaPromotedWhenItsMasterIsKilled() throws Exception {
        try (RedisClusterProcess cluster = RedisClusterProcess.start(RedisClusterConfig.defaults(workDir)
                .withReplicasPerMaster(1).withNodeTimeout(Duration.ofSeconds(2)));
             UnifiedJedis redis = RedisConnector.open(address(cluster), "link-cluster-it", Duration.ofSeconds(2))) {
            link = started(cluster, redis);
            assertThat(incrementReplicated()).isEqualTo(1L);
            assertThat(incrementReplicated()).isEqualTo(2L);

            RedisServerProcess killed = cluster.killMasterServing(SLOT);
            RedisServerProcess promoted = cluster.awaitPromotion(SLOT, killed);

            Object next = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(this::tryIncrement, value -> value instanceof Long);
            assertThat(next).as("the counter carries on from the promoted replica's copy").isEqualTo(3L);
            assertThat(servedBy(promoted)).isTrue();
        }
    }

    @Test
    void movesToTheNewMasterWhenTheOldOneAnswersMoved() throws Exception {
        try (RedisClusterProcess cluster = RedisClusterProcess.start(RedisClusterConfig.defaults(workDir)
                .withReplicasPerMaster(1));
             UnifiedJedis redis = RedisConnector.open(address(cluster), "link-cluster-it", Duration.ofSeconds(2))) {
            link = started(cluster, redis);
            assertThat(incrementReplicated()).isEqualTo(1L);
            RedisServerProcess master = cluster.masterServing(SLOT);
            RedisServerProcess replica = replicaOf(cluster, master);

            try (Jedis admin = RedisAdmin.connect(replica.endpoint(), 5_000)) {
                admin.clusterFailover(); // the old master stays up, demoted: the link's connection stays open
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.masterServing(SLOT).port() == replica.port());

            Object next = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(this::tryIncrement, value -> value instanceof Long);
            assertThat(next).isEqualTo(2L);
            assertThat(servedBy(replica)).as("moved to the node MOVED named").isTrue();
        }
    }

    private RedisLink started(RedisClusterProcess cluster, UnifiedJedis redis) throws Exception {
        RedisLink started = new RedisLink("link-cluster-it", new TurnFlusher(loop), Transports.best().socketChannel(),
                RedisTarget.of(address(cluster), redis, KEY), blocking, RedisLogin.none(), 64, 2_000,
                List.of(RedisLinkIT.command("CLIENT", "SETNAME", "link-cluster-it")), System::nanoTime);
        started.start().get(30, TimeUnit.SECONDS);
        return started;
    }

    private static RedisAddress address(RedisClusterProcess cluster) {
        return RedisAddress.parse("redis-cluster://" + cluster.endpoint().nodes().stream().map(Object::toString)
                .collect(Collectors.joining(",")));
    }

    /** INCR through the link, then WAIT until the replica has it (so a failover keeps it). */
    private long incrementReplicated() throws Exception {
        Object value = send("INCR", KEY).get(10, TimeUnit.SECONDS);
        assertThat(send("WAIT", "1", "5000").get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        return (Long) value;
    }

    /** INCR through the link: its reply, or the failure while the link is down or moving. */
    private Object tryIncrement() throws Exception {
        try {
            return send("INCR", KEY).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause().getMessage();
        }
    }

    /** Whether the node's CLIENT LIST shows the link's connection. */
    private static boolean servedBy(RedisServerProcess node) {
        try (Jedis admin = RedisAdmin.connect(node.endpoint(), 5_000)) {
            return admin.clientList().contains(" name=link-cluster-it ");
        }
    }

    private static RedisServerProcess replicaOf(RedisClusterProcess cluster, RedisServerProcess master) {
        for (int i = 0; i < cluster.size(); i++) {
            RedisServerProcess node = cluster.node(i);
            try (Jedis admin = RedisAdmin.connect(node.endpoint(), 5_000)) {
                if (admin.info("replication").contains("master_port:" + master.port())) {
                    return node;
                }
            }
        }
        throw new AssertionError("no replica of " + master.endpoint());
    }

    private CompletableFuture<Object> send(String... parts) throws Exception {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        RedisLink.Sent sent = loop.submit(() -> link.send(RedisLinkIT.command(parts), new RedisLink.Reply() {
            @Override
            public void onReply(Object value) {
                reply.complete(value);
            }

            @Override
            public void onFailure(String reason) {
                reply.completeExceptionally(new IllegalStateException(reason));
            }
        })).get(10, TimeUnit.SECONDS);
        if (sent != RedisLink.Sent.QUEUED) {
            reply.completeExceptionally(new IllegalStateException("not sent: " + sent));
        }
        return reply;
    }
}
