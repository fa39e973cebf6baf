package io.skirmish.match.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.skirmish.kit.log.LogFields;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.queue.MatchMetrics;
import io.skirmish.match.queue.PlayerPresence;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Which connection of this instance speaks for which player, and delivery of pushes to players
 * wherever they are connected: locally when the player is connected here, otherwise to the
 * instance that holds the player ({@link PlayerPresence}) on that instance's Redis pub/sub channel
 * ({@link MatchKeys#instanceChannel}), one {@link PushBatch} per instance and call. Classic
 * pub/sub: on Redis Cluster a message reaches every node, so a subscriber on any node receives it.
 *
 * <p>A login writes its presence with the read of the holder it replaces, in one command; other
 * changes (unbinds, renewals, a local replacement) are written in batches ({@link PresenceWriter}):
 * a push for a player in the few milliseconds before its presence is written is missed, which
 * the at-most-once contract already allows ({@code QueueStatusRequest} recovers the state).
 *
 * <p>Thread-safety: bind/unbind from Netty threads, {@link #push} from any thread, batches arrive
 * on the subscriber thread, presence is written by the login's worker and the presence thread.
 */
public final class SessionHub implements Pushes, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHub.class);
    /** Life of a presence entry; renewed every third of it while the player stays connected. */
    static final Duration PRESENCE_TTL = Duration.ofMinutes(10);

    private final UnifiedJedis redis;
    private final String instanceId;
    private final byte[] instanceChannel;
    private final PlayerPresence presence;
    private final MatchMetrics metrics;
    private final Map<String, ConnectionState> byPlayer = new ConcurrentHashMap<>();
    private final Thread subscriber;
    private final PresenceWriter presenceWriter;
    private volatile BinaryJedisPubSub pubSub;
    private volatile boolean running = true;
    private volatile boolean handingOver;
    private final CountDownLatch firstSubscription = new CountDownLatch(1);

    /** @param nanoClock monotonic nanoseconds, for the presence renewal */
    public SessionHub(UnifiedJedis redis, String instanceId, MatchMetrics metrics, LongSupplier nanoClock) {
        this.redis = redis;
        this.instanceId = instanceId;
        this.instanceChannel = bytes(MatchKeys.instanceChannel(instanceId));
        this.presence = new PlayerPresence(redis, instanceId, PRESENCE_TTL);
        this.metrics = metrics;
        presence.loadScripts();
        this.subscriber = new Thread(this::subscribeLoop, "match-notify");
        subscriber.setDaemon(true);
        subscriber.start();
        this.presenceWriter = new PresenceWriter(presence, PRESENCE_TTL, byPlayer.keySet(), nanoClock);
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
                    deliverBatch(message);
                }

                @Override
                public void onSubscribe(byte[] channel, int subscribedChannels) {
                    firstSubscription.countDown();
                }
            };
            pubSub = current;
            try {
                redis.subscribe(current, instanceChannel);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("notification subscription lost, resubscribing error={}", e.toString());
                    sleepQuietly(500);
                }
            }
        }
    }

    /**
     * A login of {@code playerId} on {@code state}: that connection now speaks for the player and
     * receives its pushes, and any earlier session of the player is replaced, never silently
     * stolen: a connection of this instance at once ({@link #replace}); a connection on another
     * instance (found through the player's presence entry) by a {@code SESSION_REPLACED} push in
     * that instance's batch channel, which it handles the same way on arrival. Blocking (one
     * presence {@code SET ... GET} when the player was not connected here); call on a worker.
     *
     * @return whether the player had a session before this one (here, on another instance, or
     *         unknown because Redis failed): only then may it lead a waiting ticket that another
     *         connection carried, so only then is its queue index worth a look. A player without
     *         a presence entry had its last connection closed, and a closing connection cancels its
     *         tickets first ({@code QueueService#abandon}) unless its instance is handing over,
     *         which keeps the entries ({@link #handOver}), as a crash does.
     */
    public boolean login(String playerId, ConnectionState state) {
        state.players().add(playerId);
        ConnectionState previous = byPlayer.put(playerId, state);
        if (previous == state) {
            return true; // logged in again on the same connection
        }
        ServerMessage replaced = replacedPush(playerId);
        if (previous != null) {
            presenceWriter.changed(playerId);
            QueueService.Joined ticket = previous.takeTicket(playerId);
            if (ticket != null) {
                state.joined(ticket); // same instance: the new connection carries the ticket on
            }
            replace(previous, replaced);
            metrics.sessionReplaced("local");
            return true;
        }
        try {
            // One SET ... GET writes this instance's entry and returns the holder it replaces.
            String holder = presence.claim(playerId);
            if (holder != null && !holder.equals(instanceId)) {
                redis.publish(bytes(MatchKeys.instanceChannel(holder)), PushBatch.encode(List.of(replaced)));
                metrics.sessionReplaced("remote");
            }
            if (byPlayer.get(playerId) != state) {
                presenceWriter.changed(playerId); // unbound meanwhile: the writer withdraws the entry just written
            }
            return holder != null;
        } catch (RuntimeException e) {
            // The old connection keeps its binding until it closes, but its pushes follow the
            // presence entry, which the writer's next pass points at this instance.
            presenceWriter.changed(playerId);
            try (var playerField = LogFields.player(playerId)) {
                LOG.warn("session replacement not sent player={} error={}", playerId, e.toString());
            }
            return true;
        }
    }

    private static ServerMessage replacedPush(String playerId) {
        return ServerMessage.newBuilder().setVersion(io.skirmish.protocol.ProtocolVersion.CURRENT).setPlayerId(playerId)
                .setError(io.skirmish.protocol.common.v1.Error.newBuilder()
                        .setCode(io.skirmish.protocol.common.v1.ErrorCode.ERROR_CODE_SESSION_REPLACED)
                        .setMessage("this player logged in on another connection"))
                .build();
    }

    /**
     * Takes {@code push}'s player away from {@code old}: the connection no longer speaks for it
     * (its session token is refused there), gets the push, and is closed once it speaks for
     * nobody. Its ticket is not cancelled: the player's new session can still get it
     * ({@code QueueStatusRequest}).
     */
    private void replace(ConnectionState old, ServerMessage push) {
        String playerId = push.getPlayerId();
        old.players().remove(playerId);
        old.takeTicket(playerId);
        Channel channel = old.channel();
        if (!channel.isActive()) {
            return;
        }
        ByteBuf frame = frame(channel, push);
        if (old.players().isEmpty()) {
            channel.writeAndFlush(frame).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        } else {
            channel.writeAndFlush(frame, channel.voidPromise());
        }
    }

    /**
     * Forgets {@code playerId} if {@code state} still speaks for it; its presence entry is
     * withdrawn, unless this instance is handing over ({@link #handOver}).
     */
    public void unbind(String playerId, ConnectionState state) {
        if (byPlayer.remove(playerId, state) && !handingOver) {
            presenceWriter.changed(playerId);
        }
    }

    /**
     * This instance is stopping (or, in tests, crashing): from now on the presence entries of the
     * players it holds stay where they are when their connections close, as after a crash. Their
     * next login, on another instance, reads the entry it replaces and so knows to look for the
     * ticket to take over ({@link #login}); an entry naming a stopped instance costs at most a push
     * nobody delivers until the player logs in again or the entry's TTL ends.
     */
    public void handOver() {
        handingOver = true;
    }

    /** Delivers {@code message} to the player, naming the player in {@code player_id} (one connection may carry several). */
    @Override
    public void push(String playerId, ServerMessage message) {
        pushAll(List.of(new Push(playerId, message)));
    }

    /**
     * Delivers locally what it can; the rest goes to the instances holding those players, found
     * in one pipelined read, one publish per instance.
     */
    @Override
    public void pushAll(List<Push> pushes) {
        List<ServerMessage> remote = new ArrayList<>();
        for (Push push : pushes) {
            ServerMessage message = push.message().getPlayerId().equals(push.playerId()) ? push.message()
                    : push.message().toBuilder().setPlayerId(push.playerId()).build();
            if (!deliverLocally(message)) {
                remote.add(message);
            }
        }
        if (remote.isEmpty()) {
            return;
        }
        try {
            Set<String> players = new LinkedHashSet<>();
            remote.forEach(message -> players.add(message.getPlayerId()));
            Map<String, String> holders = presence.locate(players);
            Map<String, List<ServerMessage>> byInstance = new LinkedHashMap<>();
            for (ServerMessage message : remote) {
                String holder = holders.get(message.getPlayerId());
                if (holder == null || holder.equals(instanceId)) {
                    metrics.pushUndelivered(holder == null ? "offline" : "stale");
                } else {
                    byInstance.computeIfAbsent(holder, h -> new ArrayList<>()).add(message);
                }
            }
            byInstance.forEach((holder, batch) -> redis.publish(bytes(MatchKeys.instanceChannel(holder)),
                    PushBatch.encode(batch)));
        } catch (RuntimeException e) {
            LOG.warn("pushes lost count={} error={}", remote.size(), e.toString());
        }
    }

    /** A batch another instance published for players connected here. */
    private void deliverBatch(byte[] payload) {
        List<ServerMessage> messages;
        try {
            messages = PushBatch.decode(payload);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            metrics.pushUndelivered("malformed");
            LOG.warn("malformed push batch dropped bytes={} error={}", payload.length, e.getMessage());
            return;
        }
        for (ServerMessage message : messages) {
            if (message.hasError()
                    && message.getError().getCode() == io.skirmish.protocol.common.v1.ErrorCode.ERROR_CODE_SESSION_REPLACED) {
                ConnectionState old = byPlayer.get(message.getPlayerId());
                if (old != null && byPlayer.remove(message.getPlayerId(), old)) {
                    presenceWriter.changed(message.getPlayerId());
                    replace(old, message);
                }
                continue;
            }
            if (!deliverLocally(message)) {
                metrics.pushUndelivered("stale"); // disconnected since its presence was read
            }
        }
    }

    private boolean deliverLocally(ServerMessage message) {
        ConnectionState local = byPlayer.get(message.getPlayerId());
        if (local == null || !local.channel().isActive()) {
            return false;
        }
        deliver(local, message.getPlayerId(), message);
        return true;
    }

    private void deliver(ConnectionState state, String playerId, ServerMessage message) {
        if (message.hasMatchFound() || (message.hasQueueUpdate()
                && (message.getQueueUpdate().getState() == QueueState.QUEUE_STATE_NOT_QUEUED
                || message.getQueueUpdate().getState() == QueueState.QUEUE_STATE_LEFT))) {
            state.ticketEnded(playerId);
        }
        Channel channel = state.channel();
        channel.writeAndFlush(frame(channel, message), channel.voidPromise());
    }

    private static ByteBuf frame(Channel channel, ServerMessage message) {
        ByteBuf frame = channel.alloc().buffer(FrameLimits.LENGTH_FIELD_BYTES + message.getSerializedSize());
        frame.writeInt(message.getSerializedSize());
        frame.writeBytes(message.toByteArray());
        return frame;
    }

    /** Every connection state with at least one bound player (for status pushes). */
    public List<ConnectionState> connections() {
        return byPlayer.values().stream().distinct().toList();
    }

    /** Status pushes: a SEARCHING update for every ticket this instance owns that {@code schedule} says is due. */
    public void pushStatus(QueueService service, io.skirmish.match.queue.StatusSchedule schedule, long nowMs) {
        for (ConnectionState state : connections()) {
            for (QueueService.Joined joined : state.tickets()) {
                if (!schedule.due(nowMs - joined.enqueuedMs())) {
                    continue;
                }
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

    /**
     * Stops the threads; withdraws the presence of every player still bound unless handing over
     * ({@link #handOver}).
     */
    @Override
    public void close() {
        running = false;
        BinaryJedisPubSub current = pubSub;
        if (current != null && current.isSubscribed()) {
            try {
                current.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is going away anyway
            }
        }
        try {
            subscriber.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        presenceWriter.close(!handingOver);
    }
}
