package io.skirmish.e2e.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.google.protobuf.Message;
import io.skirmish.client.ConnectHandshake;
import io.skirmish.game.GameServerMain;
import io.skirmish.game.match.Modes;
import io.skirmish.game.world.MatchMode;
import io.skirmish.kit.ops.CpuClock;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.contract.RegistryKeys;
import io.skirmish.match.MatchServerMain;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import io.skirmish.protocol.match.v1.ClientMessage;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.testkit.process.ChildService;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import io.skirmish.testkit.tls.TestCertificates;
import redis.clients.jedis.UnifiedJedis;

/**
 * What TLS costs the servers: CPU time of the match-server process per Login and of the
 * game-server process per Connect, each on a fresh connection (connect, TLS handshake when on,
 * the request, its reply, close), plaintext against TLS 1.3 (EC P-256 certificate, JDK provider).
 * The servers run as child JVMs; their CPU comes from {@code /proc/<pid>/stat} before and after
 * the measured requests, so the client's own work is not counted.
 *
 * <pre>bench/tls-cost.sh [requests per run, default 2000]</pre>
 */
public final class TlsCostBench {

    /** Servers as in production: full JIT (C2), enough heap, Agrona's export. */
    private static final List<String> SERVER_JVM = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Xmx512m", "-XX:+UseG1GC");
    private static final byte[] CONNECT_SECRET = "tls-cost-bench-connect-secret-32-bytes!!".getBytes();

    private TlsCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int warmup = Math.max(500, requests / 2);
        Path work = Files.createTempDirectory("skirmish-tls-cost-");
        TestCertificates certificates = TestCertificates.create(work.resolve("tls"));
        try (RedisServerProcess redis = RedisServerProcess.start(RedisServerConfig.defaults(work.resolve("redis"))
                .withPort(FreePorts.next()))) {
            String redisUrl = redis.endpoint().uri().toString();
            List<String> rows = new ArrayList<>();
            for (boolean tls : new boolean[] {false, true}) {
                rows.add(loginRow(work, redisUrl, certificates, tls, warmup, requests));
            }
            for (boolean tls : new boolean[] {false, true}) {
                rows.add(connectRow(work, redisUrl, certificates, tls, warmup, requests));
            }
            System.out.printf("%n%-28s %10s %14s %14s%n", "request (fresh connection)", "requests", "server CPU/req",
                    "wall/req");
            rows.forEach(System.out::println);
        }
    }

    private static String loginRow(Path work, String redisUrl, TestCertificates certificates, boolean tls, int warmup,
                                   int requests) throws Exception {
        int port = FreePorts.next();
        List<String> args = new ArrayList<>(List.of("--dev", "--login=trusted", "--login-limit-address=off",
                "--login-limit-account=off", "--redis-url=" + redisUrl, "--client-port=" + port,
                "--instance-id=tls-cost"));
        addTls(args, certificates, tls);
        try (ChildService server = new ChildService(work, "match-" + (tls ? "tls" : "plain"),
                MatchServerMain.class.getName(), SERVER_JVM, args.toArray(String[]::new)).start()) {
            for (int i = 0; i < warmup; i++) {
                login(certificates, tls, port, "warm-" + i);
            }
            long cpuBefore = CpuClock.process(server.pid());
            long wallBefore = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                login(certificates, tls, port, "p-" + i);
            }
            return row("Login " + (tls ? "TLS 1.3" : "plaintext"), requests, CpuClock.process(server.pid()) - cpuBefore,
                    System.nanoTime() - wallBefore);
        }
    }

    private static String connectRow(Path work, String redisUrl, TestCertificates certificates, boolean tls,
                                     int warmup, int requests) throws Exception {
        int tcpPort = FreePorts.next();
        String serverId = "tls-cost-" + (tls ? "tls" : "plain");
        Path keys = Files.writeString(work.resolve(serverId + ".keys"),
                "1:" + Base64.getEncoder().encodeToString(CONNECT_SECRET) + "\n");
        List<String> args = new ArrayList<>(List.of("--dev", "--server-id=" + serverId, "--redis-url=" + redisUrl,
                "--tcp-port=" + tcpPort, "--udp-port=" + FreePorts.next(), "--tick-agents=1", "--join-window=300s",
                "--connect-keys=" + keys, "--capacity-players=100000"));
        addTls(args, certificates, tls);
        ConnectTokenIssuer issuer = new ConnectTokenIssuer(TokenKeyRing.of(1, CONNECT_SECRET), InstantSource.system(),
                Duration.ofMinutes(30), new SecureRandom());
        try (ChildService server = new ChildService(work, serverId, GameServerMain.class.getName(), SERVER_JVM,
                args.toArray(String[]::new)).start();
             UnifiedJedis jedis = RedisConnector.open(RedisAddress.parse(redisUrl), "tls-cost", Duration.ofSeconds(5))) {
            int players = warmup + requests;
            List<byte[]> tokens = new ArrayList<>();
            int perMatch = MatchMode.FFA.players();
            for (int m = 0; m * perMatch < players; m++) {
                String matchId = serverId + "-m" + m;
                MatchAllocation.Builder allocation = MatchAllocation.newBuilder().setMatchId(matchId)
                        .setMode(Modes.toWire(MatchMode.FFA)).setRegion("local").setGameServerId(serverId)
                        .setAllocatedAtMs(System.currentTimeMillis());
                for (int slot = 0; slot < perMatch; slot++) {
                    String player = matchId + "-p" + slot;
                    allocation.addPlayers(AllocatedPlayer.newBuilder().setPlayerId(player).setTeam(slot + 1));
                    tokens.add(issuer.issue(player, matchId, serverId, 0, Modes.toWire(MatchMode.FFA)).bytes());
                }
                jedis.rpush(RegistryKeys.allocations(serverId).getBytes(), allocation.build().toByteArray());
            }
            Thread.sleep(2_000); // the allocation poller takes them all
            for (int i = 0; i < warmup; i++) {
                connect(certificates, tls, tcpPort, tokens.get(i));
            }
            long cpuBefore = CpuClock.process(server.pid());
            long wallBefore = System.nanoTime();
            for (int i = warmup; i < players; i++) {
                connect(certificates, tls, tcpPort, tokens.get(i));
            }
            return row("game Connect " + (tls ? "TLS 1.3" : "plaintext"), requests,
                    CpuClock.process(server.pid()) - cpuBefore, System.nanoTime() - wallBefore);
        }
    }

    private static void addTls(List<String> args, TestCertificates certificates, boolean tls) {
        if (tls) {
            args.add("--tls-cert=" + certificates.certificate());
            args.add("--tls-key=" + certificates.privateKey());
        }
    }

    private static void login(TestCertificates certificates, boolean tls, int port, String player) throws IOException {
        try (Socket socket = open(certificates, tls, port)) {
            exchange(socket, ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(1)
                    .setLogin(Login.newBuilder().setPlayerId(player).setClientVersion("1.0.0")).build());
        }
    }

    private static void connect(TestCertificates certificates, boolean tls, int port, byte[] token) throws IOException {
        try (Socket socket = open(certificates, tls, port)) {
            exchange(socket, new ConnectHandshake(token, new SecureRandom()).connectMessage(1));
        }
    }

    private static Socket open(TestCertificates certificates, boolean tls, int port) throws IOException {
        if (tls) {
            return certificates.connect("127.0.0.1", port);
        }
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends one request and reads its reply, whatever it is (a refusal would be as costly to send). */
    private static void exchange(Socket socket, Message request) throws IOException {
        byte[] body = request.toByteArray();
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(body.length);
        out.write(body);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        in.readFully(new byte[in.readInt()]);
    }

    private static String row(String name, int requests, long cpuNanos, long wallNanos) {
        return String.format("%-28s %,10d %11.0f us %11.0f us", name, requests, cpuNanos / 1_000.0 / requests,
                wallNanos / 1_000.0 / requests);
    }
}
