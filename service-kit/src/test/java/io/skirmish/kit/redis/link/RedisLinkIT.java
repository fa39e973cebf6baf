package io.skirmish.kit.redis.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.skirmish.kit.net.Transports;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.FreePorts;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/** The query link against a real redis-server: pipelining, bounds, and what happens when Redis goes away or stalls. */
@RedisTest
@Timeout(60)
class RedisLinkIT {

    private final EventLoopGroup group = Transports.best().group(1, "link-it");
    private final ExecutorService blocking = Executors.newSingleThreadExecutor();
    private final EventLoop loop = group.next();
    private final List<RedisLink> links = new ArrayList<>();

    @BeforeEach
    void clean(RedisEndpoint redis) {
        try (UnifiedJedis jedis = jedis(redis)) {
            jedis.del("it:link:n");
        }
    }

    @AfterEach
    void stop() {
        links.forEach(RedisLink::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdownNow();
    }

    @Test
    void answersCommandsSentInOneTurnInOrder(RedisEndpoint redis) throws Exception {
        RedisLink link = started(link("it-order", redis.hostAndPort(), 4_096, 2_000));
        List<CompletableFuture<Object>> replies = onLoop(() -> {
            List<CompletableFuture<Object>> all = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                all.add(send(link, "INCR", "it:link:n"));
            }
            return all;
        });
        for (int i = 0; i < replies.size(); i++) {
            assertThat(replies.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1L);
        }
        assertThat(text(onLoop(() -> send(link, "ECHO", "héllo")).get(10, TimeUnit.SECONDS))).isEqualTo("héllo");
        assertThat(onLoop(() -> send(link, "GET", "it:link:missing")).get(10, TimeUnit.SECONDS)).isNull();
        assertThat(onLoop(() -> send(link, "NOSUCHCOMMAND")).get(10, TimeUnit.SECONDS)).isInstanceOf(RespError.class);
    }

    @Test
    void refusesCommandsBeyondItsInFlightBound(RedisEndpoint redis) throws Exception {
        RedisLink link = started(link("it-busy", redis.hostAndPort(), 3, 2_000));
        List<RedisLink.Sent> sent = onLoop(() -> {
            List<RedisLink.Sent> outcomes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                outcomes.add(link.send(command("PING"), new Collecting()));
            }
            return outcomes;
        });
        assertThat(sent).containsExactly(RedisLink.Sent.QUEUED, RedisLink.Sent.QUEUED, RedisLink.Sent.QUEUED,
                RedisLink.Sent.BUSY, RedisLink.Sent.BUSY);
        await().atMost(Duration.ofSeconds(10)).until(() -> onLoop(link::inFlight) == 0);
    }

    @Test
    void failsWaitingCommandsAndReconnectsWhenTheConnectionIsKilled(RedisEndpoint redis) throws Exception {
        RedisLink link = started(link("it-killed", redis.hostAndPort(), 4_096, 30_000));
        CompletableFuture<Object> blocked = onLoop(() -> send(link, "BLPOP", "it:link:never", "0"));
        try (UnifiedJedis jedis = jedis(redis)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> killClient(jedis, "it-killed"));
        }
        assertThat(blocked).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .withMessageContaining("redis connection lost");
        await().atMost(Duration.ofSeconds(10)).until(() -> answersPing(link));
    }

    @Test
    void dropsAConnectionThatDoesNotAnswerInTime(RedisEndpoint redis) throws Exception {
        RedisLink link = started(link("it-stalled", redis.hostAndPort(), 4_096, 300));
        long startNs = System.nanoTime();
        CompletableFuture<Object> stalled = onLoop(() -> send(link, "BLPOP", "it:link:never", "0"));
        assertThat(stalled).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .withMessageContaining("redis connection lost");
        assertThat(Duration.ofNanos(System.nanoTime() - startNs)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(10)).until(() -> answersPing(link));
    }

    @Test
    void isDownWhileRedisCannotBeReached() throws Exception {
        RedisLink link = link("it-down", new HostAndPort("127.0.0.1", FreePorts.next()), 4_096, 2_000);
        CompletableFuture<Void> connected = link.start();
        Thread.sleep(300); // a few connect attempts
        assertThat(connected).isNotDone();
        assertThat(onLoop(() -> link.send(command("PING"), new Collecting()))).isEqualTo(RedisLink.Sent.DOWN);
    }

    private RedisLink link(String name, HostAndPort node, int maxInFlight, long replyTimeoutMs) {
        RedisLink link = new RedisLink(name, new TurnFlusher(loop), Transports.best().socketChannel(), () -> node,
                blocking, RedisLogin.none(), maxInFlight, replyTimeoutMs, List.of(command("CLIENT", "SETNAME", name)),
                System::nanoTime);
        links.add(link);
        return link;
    }

    /** Started, and done with its set-up command (which counts against the in-flight bound until answered). */
    private RedisLink started(RedisLink link) throws Exception {
        link.start().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> onLoop(link::inFlight) == 0);
        return link;
    }

    /** True once the link is connected again and answers; false while it is still down. */
    private boolean answersPing(RedisLink link) throws Exception {
        Collecting reply = new Collecting();
        if (onLoop(() -> link.send(command("PING"), reply)) != RedisLink.Sent.QUEUED) {
            return false;
        }
        return "PONG".equals(reply.future.get(10, TimeUnit.SECONDS));
    }

    private <T> T onLoop(Supplier<T> action) throws Exception {
        return loop.submit(action::get).get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Object> send(RedisLink link, String... parts) {
        Collecting reply = new Collecting();
        assertThat(link.send(command(parts), reply)).isEqualTo(RedisLink.Sent.QUEUED);
        return reply.future;
    }

    static RedisCommand command(String... parts) {
        return out -> {
            RespWriter.array(out, parts.length);
            for (String part : parts) {
                RespWriter.bulk(out, part);
            }
        };
    }

    /** CLIENT KILL of the connection named {@code name} (only this test's link); false while it is not connected. */
    static boolean killClient(UnifiedJedis jedis, String name) {
        String clients = text(jedis.sendCommand(Protocol.Command.CLIENT, "LIST"));
        for (String line : clients.split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
                jedis.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id);
                return true;
            }
        }
        return false;
    }

    private static String text(Object value) {
        return new String((byte[]) value, StandardCharsets.UTF_8);
    }

    private static UnifiedJedis jedis(RedisEndpoint redis) {
        return RedisConnector.open(RedisAddress.parse(redis.uri().toString()), "link-it", Duration.ofSeconds(5));
    }

    /** Completes with the reply (a {@link RespError} included), or exceptionally with the failure reason. */
    private static final class Collecting implements RedisLink.Reply {
        final CompletableFuture<Object> future = new CompletableFuture<>();

        @Override
        public void onReply(Object value) {
            future.complete(value);
        }

        @Override
        public void onFailure(String reason) {
            future.completeExceptionally(new IllegalStateException(reason));
        }
    }
}
