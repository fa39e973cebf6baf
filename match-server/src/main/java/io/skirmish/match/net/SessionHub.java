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
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which connection of this instance speaks for which player, and delivery of pushes to players
 * wherever they are connected: locally when the player is connected here, otherwise through the
 * player's Redis pub/sub channel ({@code skirmish:match:notify:<playerId>}), to which the
 * instance holding the player's connection subscribes at login. Classic pub/sub: on Redis
 * Cluster a message reaches every node, so a subscriber on any node receives it.
 *
 * <p>Thread-safety: bind/unbind from Netty threads, {@link #push} from any thread, messages
 * arrive on the subscriber thread; the subscription connection is written under a lock.
 */
public final class SessionHub implements Pushes, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHub.class);

    private final UnifiedJedis redis;
    private final String instanceChannel;
    private final Map<String, ConnectionState> byPlayer = new ConcurrentHashMap<>();
    private final Object subscriptionLock = new Object();
    private final Thread subscriber;
    private volatile BinaryJedisPubSub pubSub;
    private volatile boolean running = true;
    private final CountDownLatch firstSubscription = new CountDownLatch(1);

    public SessionHub(UnifiedJedis redis, String instanceId) {
        this.redis = redis;
        this.instanceChannel = MatchKeys.PREFIX + "match:instance:" + instanceId;
        this.subscriber = new Thread(this::subscribeLoop, "match-notify");
        subscriber.setDaemon(true);
        subscriber.start();
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

    /** Makes {@code channel} the connection that receives {@code playerId}'s pushes. */
    public void bind(String playerId, ConnectionState state) {
        ConnectionState previous = byPlayer.put(playerId, state);
        if (previous == null) {
            modify(true, playerId);
        }
    }

    /** Forgets {@code playerId} if {@code state} still speaks for it. */
    public void unbind(String playerId, ConnectionState state) {
        if (byPlayer.remove(playerId, state)) {
            modify(false, playerId);
        }
    }

    private void modify(boolean subscribe, String playerId) {
        synchronized (subscriptionLock) {
            BinaryJedisPubSub current = pubSub;
            if (current == null || !current.isSubscribed()) {
                return; // the subscribe loop includes every bound player when it (re)connects
            }
            try {
                byte[] channel = bytes(MatchKeys.notifyChannel(playerId));
                if (subscribe) {
                    current.subscribe(channel);
                } else {
                    current.unsubscribe(channel);
                }
            } catch (RuntimeException e) {
                LOG.warn("subscription change failed playerId={} error={}", playerId, e.toString());
            }
        }
    }

    @Override
    public void push(String playerId, ServerMessage message) {
        ConnectionState local = byPlayer.get(playerId);
        if (local != null && local.channel().isActive()) {
            deliver(local, playerId, message);
            return;
        }
        try {
            redis.publish(bytes(MatchKeys.notifyChannel(playerId)), message.toByteArray());
        } catch (RuntimeException e) {
            LOG.warn("push lost playerId={} error={}", playerId, e.toString());
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
        channel.writeAndFlush(frame);
    }

    /** Every connection state with at least one bound player (for status pushes). */
    public List<ConnectionState> connections() {
        return byPlayer.values().stream().distinct().toList();
    }

    /** Status pushes: a SEARCHING update for every ticket this instance owns. */
    public void pushStatus(QueueService service) {
        for (ConnectionState state : connections()) {
            for (QueueService.Joined joined : state.tickets()) {
                ServerMessage update = service.update(joined.queue(), QueueState.QUEUE_STATE_SEARCHING, 0,
                        joined.enqueuedMs()).setVersion(io.skirmish.protocol.ProtocolVersion.CURRENT).build();
                deliver(state, joined.playerIds().get(0), update);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
