package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.skirmish.bots.swarm.SwarmMain;
import io.skirmish.client.GameClient;
import io.skirmish.client.MatchConnection;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.LoginOk;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.testkit.junit.ElasticsearchTest;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The whole stack on the ACL users of {@code deploy/redis/users.acl}, each service logging in
 * with its own user and password ({@code redis://user:password@host}) on a real redis-server
 * loaded with that file: bots play matches, results are rated, events reach Elasticsearch, and
 * Redis logged no denied command (ACL LOG is empty), so the file grants what the services need.
 * The reference Java client logs in with a device id and secret on the way. Then each user is
 * tried outside its grant: refused.
 */
@ElasticsearchTest
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RedisAclIT {

    private static final Map<String, String> USERS = Map.of("match-server", "skirmish-match",
            "game-server", "skirmish-game", "ranking-server", "skirmish-ranking", "log-shipper", "skirmish-logship");

    @TempDir
    Path work;

    @Test
    void everyServiceWorksWithItsOwnAclUserAndNothingMore(ElasticsearchEndpoint es) throws Exception {
        String acl = Files.readString(Path.of("..", "deploy", "redis", "users.acl"));
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String user : USERS.values()) {
            String password = UUID.randomUUID().toString();
            passwords.put(user, password);
            acl = acl.replace(">CHANGE-ME-" + user.substring("skirmish-".length()) + " ", ">" + password + " ");
        }
        // The test's own users: the fixture's PING and SHUTDOWN as default, and an inspector.
        acl = acl.replace("user default off", "user default on nopass -@all +ping +shutdown")
                + "\nuser it-admin on >it-admin ~* &* +@all\n";
        Path aclFile = Files.writeString(work.resolve("users.acl"), acl);
        int port = FreePorts.next();
        try (RedisServerProcess redis = RedisServerProcess.start(RedisServerConfig.defaults(work.resolve("redis"))
                .withPort(port).withExtraArgs("--aclfile", aclFile.toAbsolutePath().toString()));
             UnifiedJedis admin = RedisConnector.open(RedisAddress.parse("redis://it-admin:it-admin@127.0.0.1:" + port),
                     "acl-it", Duration.ofSeconds(5))) {
            Map<String, String> urls = new LinkedHashMap<>();
            USERS.forEach((service, user) -> urls.put(service,
                    "redis://" + user + ":" + passwords.get(user) + "@127.0.0.1:" + port));
            try (WholeStack stack = new WholeStack(work, urls, es.uri().toString()).start(Duration.ofSeconds(10))) {
                List<String> args = new ArrayList<>(List.of("--bots=12", "--ramp-up=2s", "--duration=15s",
                        "--drain-timeout=60s", "--mode-mix=duel=100", "--seed=7", "--queue-timeout=60s",
                        "--rank-timeout=45s", "--player-prefix=acl", "--match-server=127.0.0.1:" + stack.matchPort,
                        "--ranking-server=127.0.0.1:" + stack.rankingPort, "--report-dir=" + work.resolve("report")));
                int exit = CommandRunner.run(new SwarmMain(), args.toArray(String[]::new));
                assertThat(exit).as("swarm exit status").isZero();
                // Results were rated (ranking-server) from matches the game server played and
                // the match-server allocated; events reached the shipper's dead-letter-free path.
                await().atMost(60, TimeUnit.SECONDS).until(() -> !admin.keys("skirmish:{rk}:applied:*").isEmpty());
                assertThat(admin.xlen("skirmish:events")).isPositive();
                assertThat(admin.exists("skirmish:events:dead")).isFalse();
                deviceLoginThroughTheJavaClient(stack.matchPort, admin);
            }
            try (redis.clients.jedis.Jedis inspector = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
                inspector.auth("it-admin", "it-admin");
                assertThat(inspector.aclLog()).as("commands Redis denied to a service").isEmpty();
            }

            // Outside their grants the users are refused.
            try (UnifiedJedis match = as(port, "skirmish-match", passwords)) {
                assertThatThrownBy(() -> match.set("skirmish:{rk}:rating:duel:someone", "1"))
                        .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
                assertThatThrownBy(match::flushAll).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            }
            try (UnifiedJedis game = as(port, "skirmish-game", passwords)) {
                assertThatThrownBy(() -> game.get("skirmish:match:device:{d-1}"))
                        .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            }
            try (UnifiedJedis shipper = as(port, "skirmish-logship", passwords)) {
                assertThatThrownBy(() -> shipper.xlen("skirmish:results"))
                        .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            }
            assertThatThrownBy(() -> {
                try (UnifiedJedis wrong = RedisConnector.open(RedisAddress.parse("redis://skirmish-match:wrong@127.0.0.1:"
                        + port), "acl-it-wrong", Duration.ofSeconds(5))) {
                    wrong.ping();
                }
            }).isInstanceOfAny(JedisAccessControlException.class, JedisDataException.class,
                    redis.clients.jedis.exceptions.JedisConnectionException.class);
        }
    }

    /**
     * The reference client's device login against the real match-server: the first login creates
     * the account (its secret hash lands in Redis through the match-server's ACL user), the secret
     * logs in again, a wrong one is refused.
     */
    private static void deviceLoginThroughTheJavaClient(int matchPort, UnifiedJedis admin) throws Exception {
        String device = UUID.randomUUID().toString();
        try (GameClient client = new GameClient(1)) {
            MatchConnection first = MatchConnection.connect(client.group(), client.transport(), "127.0.0.1", matchPort)
                    .get(10, TimeUnit.SECONDS);
            LoginOk created = first.loginWithDevice(device, ByteString.EMPTY, "1.0.0").get(10, TimeUnit.SECONDS).getLoginOk();
            assertThat(created.getDeviceSecret().size()).isEqualTo(32);
            assertThat(admin.hget("skirmish:match:device:{" + created.getPlayerId() + "}", "secret")).hasSize(64);
            MatchConnection again = MatchConnection.connect(client.group(), client.transport(), "127.0.0.1", matchPort)
                    .get(10, TimeUnit.SECONDS);
            assertThat(again.loginWithDevice(device, created.getDeviceSecret(), "1.0.0").get(10, TimeUnit.SECONDS)
                    .getLoginOk().getPlayerId()).isEqualTo(created.getPlayerId());
            assertThat(again.loginWithDevice(device, ByteString.copyFrom(new byte[32]), "1.0.0").get(10, TimeUnit.SECONDS)
                    .getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
            first.close();
            again.close();
        }
    }

    private static UnifiedJedis as(int port, String user, Map<String, String> passwords) {
        return RedisConnector.open(RedisAddress.parse("redis://" + user + ":" + passwords.get(user) + "@127.0.0.1:" + port),
                "acl-it-" + user, Duration.ofSeconds(5));
    }
}
