package io.skirmish.match.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.Pushes;
import io.skirmish.match.queue.QueueService;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.protocol.tcp.FrameLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Which connection of this instance speaks for which player, and delivery of pushes to players
 * wherever they are connected: locally when the player is connected here, otherwise through the
 * player's Redis pub/sub channel ({@code skirmish:match:notify:<playerId>}), to which the
 * instance holding the player's connection subscribes at login. Classic pub/sub: on Redis
 * Cluster a message reaches every node, so a subscriber on any node receives it.
 *
 * <p>Subscriptions are changed in batches: {@link #bind} and {@link #unbind} only note the
 * player, and one thread sends a single SUBSCRIBE or UNSUBSCRIBE for everything noted since its
 * last pass (milliseconds later). A login therefore never waits for Redis; a push published for
 * a player in the few milliseconds before its subscription is active is missed, which the
 * at-most-once contract already allows ({@code QueueStatusRequest} recovers the state).
 *
 * <p>Thread-safety: bind/unbind from Netty threads, {@link #push} from any thread, messages
 * arrive on the subscriber thread, subscription changes are sent by the subscription thread; the
 * subscription connection is written under a lock.
 */
public final class SessionHub implements Pushes, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHub.class);

    private final UnifiedJedis redis;
    private final String instanceChannel;
    private final Map<String, ConnectionState> byPlayer = new ConcurrentHashMap<>();
    private final Object subscriptionLock = new Object();
    private final Thread subscriber;
    private final Thread subscriptionWriter;
    private final BlockingQueue<String> changed = new LinkedBlockingQueue<>();
    private volatile BinaryJedisPubSub pubSub;
    private volatile boolean running = true;
    private final CountDownLatch firstSubscription = new CountDownLatch(1);

    public SessionHub(UnifiedJedis redis, String instanceId) {
        this.redis = redis;
        this.instanceChannel = MatchKeys.PREFIX + "match:instance:" + instanceId;
        this.subscriber = new Thread(this::subscribeLoop, "match-notify");
        subscriber.setDaemon(true);
        subscriber.start();
        this.subscriptionWriter = new Thread(this::writeSubscriptions, "match-subscribe");
        subscriptionWriter.setDaemon(true);
        subscriptionWriter.start();
    }

    /** Waits until the subscription connection is up (start-up only). */
    public boolean awaitSubscribed(long timeout, TimeUnit unit) throws InterruptedException {
        return firstSubscription.await(timeout, unit);
    }

    private void subscribeLoop() {
        while (running) {
            BinaryJedisPubSub current = new BinaryJedisPubSub() {
                @Override
                public void onMessage(byte[] channel, byte[] message) {
                    deliverFromChannel(new String(channel, StandardCharsets.UTF_8), message);
                }

                @Override
                public void onSubscribe(byte[] channel, int subscribedChannels) {
                    firstSubscription.countDown();
                }
            };
            List<byte[]> channels = new ArrayList<>();
            channels.add(bytes(instanceChannel));
            synchronized (subscriptionLock) {
                pubSub = current;
                byPlayer.keySet().forEach(player -> channels.add(bytes(MatchKeys.notifyChannel(player))));
            }
            try {
                redis.subscribe(current, channels.toArray(new byte[0][]));
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("notification subscription lost, resubscribing error={}", e.toString());
                    sleepQuietly(500);
                }
            }
        }
    }

    /** Makes {@code state} the connection that receives {@code playerId}'s pushes. */
    public void bind(String playerId, ConnectionState state) {
        ConnectionState previous = byPlayer.put(playerId, state);
        if (previous == null) {
            changed.add(playerId);
        }
    }

    /** Forgets {@code playerId} if {@code state} still speaks for it. */
    public void unbind(String playerId, ConnectionState state) {
        if (byPlayer.remove(playerId, state)) {
            changed.add(playerId);
        }
    }

    /**
     * The subscription thread: takes every player noted since the last pass and sends one
     * SUBSCRIBE for those bound now and one UNSUBSCRIBE for the others (the map is the truth,
     * so a bind and an unbind in the same pass cancel out). While the subscription connection is
     * down the changes wait: the subscribe loop re-subscribes every bound player when it is back.
     */
    private void writeSubscriptions() {
        List<String> batch = new ArrayList<>();
        while (running) {
            try {
                String first = changed.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                changed.drainTo(batch, 10_000);
                if (!apply(batch)) {
                    changed.addAll(batch);
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private boolean apply(List<String> players) {
        List<byte[]> subscribe = new ArrayList<>();
        List<byte[]> unsubscribe = new ArrayList<>();
        for (String player : new java.util.LinkedHashSet<>(players)) {
            (byPlayer.containsKey(player) ? subscribe : unsubscribe).add(bytes(MatchKeys.notifyChannel(player)));
        }
        synchronized (subscriptionLock) {
            BinaryJedisPubSub current = pubSub;
            if (current == null || !current.isSubscribed()) {
                return false;
            }
            try {
                if (!subscribe.isEmpty()) {
                    current.subscribe(subscribe.toArray(new byte[0][]));
                }
                if (!unsubscribe.isEmpty()) {
                    current.unsubscribe(unsubscribe.toArray(new byte[0][]));
                }
                return true;
            } catch (RuntimeException e) {
                LOG.warn("subscription change failed players={} error={}", players.size(), e.toString());
                return false;
            }
        }
    }

    /** Delivers {@code message} to the player, naming the player in {@code player_id} (one connection may carry several). */
    @Override
    public void push(String playerId, ServerMessage message) {
        pushAll(List.of(new Push(playerId, message)));
    }

    /**
     * Delivers locally what it can and publishes the rest; on a single Redis the publishes go in
     * one pipeline (a cluster client cannot pipeline commands without a key, so there they go one
     * by one).
     */
    @Override
    public void pushAll(List<Push> pushes) {
        List<Push> remote = new ArrayList<>();
        for (Push push : pushes) {
            ServerMessage message = push.message().getPlayerId().equals(push.playerId()) ? push.message()
                    : push.message().toBuilder().setPlayerId(push.playerId()).build();
            ConnectionState local = byPlayer.get(push.playerId());
            if (local != null && local.channel().isActive()) {
                deliver(local, push.playerId(), message);
            } else {
                remote.add(new Push(push.playerId(), message));
            }
        }
        if (remote.isEmpty()) {
            return;
        }
        try {
            if (redis instanceof RedisClusterClient) {
                for (Push push : remote) {
                    redis.publish(bytes(MatchKeys.notifyChannel(push.playerId())), push.message().toByteArray());
                }
                return;
            }
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (Push push : remote) {
                    pipeline.publish(bytes(MatchKeys.notifyChannel(push.playerId())), push.message().toByteArray());
                }
                pipeline.sync();
            }
        } catch (RuntimeException e) {
            LOG.warn("pushes lost count={} error={}", remote.size(), e.toString());
        }
    }

    private void deliverFromChannel(String channel, byte[] message) {
        String prefix = MatchKeys.notifyChannel("");
        if (!channel.startsWith(prefix)) {
            return;
        }
        String playerId = channel.substring(prefix.length());
        ConnectionState local = byPlayer.get(playerId);
        if (local == null || !local.channel().isActive()) {
            return;
        }
        try {
            deliver(local, playerId, ServerMessage.parseFrom(message));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            LOG.warn("malformed push dropped playerId={}", playerId);
        }
    }

    private void deliver(ConnectionState state, String playerId, ServerMessage message) {
        if (message.hasMatchFound() || (message.hasQueueUpdate()
                && (message.getQueueUpdate().getState() == QueueState.QUEUE_STATE_NOT_QUEUED
                || message.getQueueUpdate().getState() == QueueState.QUEUE_STATE_LEFT))) {
            state.ticketEnded(playerId);
        }
        Channel channel = state.channel();
        ByteBuf frame = channel.alloc().buffer(FrameLimits.LENGTH_FIELD_BYTES + message.getSerializedSize());
        frame.writeInt(message.getSerializedSize());
        frame.writeBytes(message.toByteArray());
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    /** Every connection state with at least one bound player (for status pushes). */
    public List<ConnectionState> connections() {
        return byPlayer.values().stream().distinct().toList();
    }

    /** Status pushes: a SEARCHING update for every ticket this instance owns. */
    public void pushStatus(QueueService service) {
        for (ConnectionState state : connections()) {
            for (QueueService.Joined joined : state.tickets()) {
                String leader = joined.playerIds().get(0);
                ServerMessage update = service.update(joined.queue(), QueueState.QUEUE_STATE_SEARCHING, 0,
                        joined.enqueuedMs()).setVersion(io.skirmish.protocol.ProtocolVersion.CURRENT)
                        .setPlayerId(leader).build();
                deliver(state, leader, update);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (subscriptionLock) {
            BinaryJedisPubSub current = pubSub;
            if (current != null && current.isSubscribed()) {
                try {
                    current.unsubscribe();
                } catch (RuntimeException ignored) {
                    // the connection is going away anyway
                }
            }
        }
        try {
            subscriber.join(2_000);
            subscriptionWriter.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
