package io.skirmish.ranking.board;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.kit.redis.link.RedisCommand;
import io.skirmish.kit.redis.link.RedisLink;
import io.skirmish.kit.redis.link.RedisLogin;
import io.skirmish.kit.redis.link.RedisTarget;
import io.skirmish.kit.redis.link.RespError;
import io.skirmish.kit.redis.link.RespPush;
import io.skirmish.kit.redis.link.RespWriter;
import io.skirmish.kit.redis.link.TurnFlusher;
import io.skirmish.ranking.store.RankingKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link PageCache} coherent with Redis through client tracking: one RESP3 connection
 * ({@code HELLO 3}) asks for {@code CLIENT TRACKING ON BCAST PREFIX skirmish:{rk}:lb:}, so Redis
 * pushes an {@code invalidate} naming every leaderboard key (boards and their ratings hashes)
 * that any client changes, whoever read it. Broadcast mode, not the default mode, because the
 * pages are read on the query links, not on this connection, and because every board a client
 * can ask for is under that one prefix.
 *
 * <p>The cache serves only while this connection lives with tracking acknowledged: on connect it
 * stays dark until Redis answers {@code OK} to the tracking command; on disconnect (Redis
 * restarted, connection killed, no answer within the reply timeout) everything is flushed at
 * once. A connection can also stay open to a node that no longer holds the ranking slot (a
 * cluster failover that demoted it): every {@value #KEEPALIVE_MS} ms the link reads a key of
 * the slot, which such a node answers with {@code MOVED}, and the link moves (flushing) to the
 * new master. So the cache is at most one reply timeout older than Redis when the network
 * itself fails, and never after a reconnect.
 *
 * <p>Every callback runs on the link's event loop.
 */
public final class BoardTracking implements RedisLink.Events {

    /** Every leaderboard key, a board's ratings hash included, starts with this. */
    public static final String PREFIX = RankingKeys.PREFIX + "lb:";
    static final long KEEPALIVE_MS = 1_000;

    /** How the tracking session sends its own commands: {@link RedisLink#send} in production. */
    @FunctionalInterface
    interface Sender {
        RedisLink.Sent send(RedisCommand command, RedisLink.Reply reply);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BoardTracking.class);
    private static final RedisCommand TRACKING_ON = words("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", PREFIX);
    private static final RedisCommand KEEPALIVE = words("EXISTS", RankingKeys.slotKey());
    private static final RedisLink.Reply IGNORED = new RedisLink.Reply() {
        @Override
        public void onReply(Object value) {
            // a MOVED reply is acted on by the link itself; anything else says the connection lives
        }

        @Override
        public void onFailure(String reason) {
            // disconnected() follows
        }
    };

    private final PageCache cache;
    private final RateLimitedLog problems = RateLimitedLog.perMinute(LOG);
    private Sender sender;
    private RedisLink link;
    private ScheduledFuture<?> keepalive;
    private CompletableFuture<Void> firstConnect;

    BoardTracking(PageCache cache, Sender sender) {
        this.cache = cache;
        this.sender = sender;
    }

    /**
     * Starts the tracking connection on {@code flusher}'s loop.
     *
     * @return the tracking session ({@link #firstConnect()} tells when it first connected)
     */
    public static BoardTracking start(PageCache cache, String name, TurnFlusher flusher,
                                      Class<? extends Channel> channelType, RedisTarget target, Executor blocking,
                                      RedisLogin login, long replyTimeoutMs, LongSupplier nanoClock) {
        BoardTracking tracking = new BoardTracking(cache, null);
        RedisLink link = new RedisLink(name, flusher, channelType, target, blocking, login, 64, replyTimeoutMs,
                List.of(words("HELLO", "3"), words("CLIENT", "SETNAME", name.replaceAll("[^A-Za-z0-9._-]", "_"))),
                nanoClock, tracking);
        tracking.link = link;
        tracking.sender = link::send;
        tracking.startedAt(link.start());
        return tracking;
    }

    private void startedAt(CompletableFuture<Void> connected) {
        firstConnect = connected;
        link.loop().execute(() -> keepalive = link.loop().scheduleAtFixedRate(
                () -> sender.send(KEEPALIVE, IGNORED), KEEPALIVE_MS, KEEPALIVE_MS, TimeUnit.MILLISECONDS));
    }

    /** Done at the first connect (the cache goes live a round trip later). */
    public CompletableFuture<Void> firstConnect() {
        return firstConnect;
    }

    /** Stops tracking; the cache goes dark. */
    public void close() {
        if (link != null) {
            link.loop().execute(() -> {
                if (keepalive != null) {
                    keepalive.cancel(false);
                }
            });
            link.close();
        }
        cache.down();
    }

    @Override
    public void connected() {
        // Queued after HELLO 3 (the link's onConnect commands go first): Redis reads them in order.
        RedisLink.Sent sent = sender.send(TRACKING_ON, new RedisLink.Reply() {
            @Override
            public void onReply(Object value) {
                if ("OK".equals(value)) {
                    cache.live();
                    LOG.info("read cache live: redis tracks prefix={}", PREFIX);
                } else {
                    String why = value instanceof RespError error ? error.message() : String.valueOf(value);
                    problems.warn("tracking", "redis refused client tracking; read cache stays off error={}", why);
                }
            }

            @Override
            public void onFailure(String reason) {
                // disconnected() follows and keeps the cache dark
            }
        });
        if (sent != RedisLink.Sent.QUEUED) {
            problems.warn("tracking", "tracking command not sent outcome={}", sent);
        }
    }

    @Override
    public void disconnected() {
        cache.down();
        problems.warn("lost", "read cache flushed: tracking connection lost");
    }

    @Override
    public void pushed(RespPush push) {
        if (!"invalidate".equals(push.kind()) || push.elements().size() < 2) {
            return;
        }
        Object keys = push.elements().get(1);
        if (keys == null) {
            cache.invalidateAll(); // FLUSHALL / FLUSHDB: Redis names no keys
            return;
        }
        if (!(keys instanceof List<?> list)) {
            problems.warn("push", "invalidate push without a key list; flushing the read cache");
            cache.invalidateAll();
            return;
        }
        List<String> names = new ArrayList<>(list.size());
        for (Object key : list) {
            names.add(key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key));
        }
        cache.invalidate(names);
    }

    private static RedisCommand words(String... words) {
        return out -> {
            RespWriter.array(out, words.length);
            for (String word : words) {
                RespWriter.bulk(out, word);
            }
        };
    }
}
