package io.skirmish.game.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.tick.InboundDescriptor;
import io.skirmish.game.tick.InboundPublisher;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.game.world.ArenaRules;
import io.skirmish.game.world.MatchMode;
import io.skirmish.kit.config.DevDefaults;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.crypto.KeyExchange;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.Connect;
import io.skirmish.protocol.game.v1.ServerMessage;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.protocol.token.TokenReplayGuard;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.LoggerFactory;

/**
 * What the TCP chain's tests share: one game server's network context with real token keys, a
 * hosted duel whose tick agent is a ring buffer the test reads, both clocks fixed or moved by
 * hand, and channels with an IP peer (the handshake binds UDP to the TCP peer's address).
 */
final class TcpChainFixture {

    static final String SERVER_ID = "gs-1";
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final MatchSpec DUEL = new MatchSpec("m-1", MatchMode.DUEL, "eu", List.of("ann", "bob"), 0.9, 0);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final long[] nanoTime = {5_000_000_000L};
    final SessionDirectory directory = new SessionDirectory();
    final OneToOneRingBuffer agentInbound = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocate(4096 + RingBufferDescriptor.TRAILER_LENGTH)));
    final MatchSessions match = new MatchSessions(new MatchHandle(DUEL, 0, 0, 1, new InboundPublisher(agentInbound)));
    private final SecureRandom random = new SecureRandom();
    private final TokenKeyRing keys = TokenKeyRing.parse(DevDefaults.CONNECT_KEYS);
    private final ConnectTokenIssuer issuer = new ConnectTokenIssuer(keys, InstantSource.fixed(NOW),
            Duration.ofMinutes(10), random);
    final GameNetContext context = new GameNetContext(new ConnectTokenVerifier(keys, InstantSource.fixed(NOW), SERVER_ID),
            new TokenReplayGuard(1_000, InstantSource.fixed(NOW)), directory, new NetMetrics(registry),
            ArenaRules.standard(), 30, InstantSource.fixed(NOW), () -> nanoTime[0], random,
            new RateLimitedLog(LoggerFactory.getLogger(TcpChainFixture.class), 10, 1, TimeUnit.MINUTES,
                    () -> nanoTime[0]));
    final GameRefusals refusals = new GameRefusals(context.metrics(), context.badInputLog());

    TcpChainFixture() {
        directory.addMatch(match);
    }

    /** A connection from 127.0.0.1 with {@code handlers}. */
    static EmbeddedChannel channel(ChannelHandler... handlers) {
        return new EmbeddedChannel(handlers) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress("127.0.0.1", 40_000);
            }
        };
    }

    /** A signed connect token of {@code player} for {@code matchId} on this server. */
    ByteString token(String player, String matchId) {
        return ByteString.copyFrom(issuer.issue(player, matchId, SERVER_ID, 1, GameMode.GAME_MODE_DUEL).bytes());
    }

    static ClientMessage connect(long requestId, ByteString token, ByteString resumeSecret) {
        return ClientMessage.newBuilder().setRequestId(requestId).setConnect(Connect.newBuilder()
                .setConnectToken(token).setResumeSecret(resumeSecret)
                .setClientPublicKey(ByteString.copyFrom(KeyExchange.generate().publicKey()))).build();
    }

    /** The next reply written to {@code channel}, or null. */
    static ServerMessage reply(EmbeddedChannel channel) {
        return channel.readOutbound();
    }

    /** The connection events the tick agent was told, in order ({@link InboundDescriptor} types). */
    List<Integer> agentEvents() {
        List<Integer> types = new ArrayList<>();
        agentInbound.read((type, buffer, index, length) -> types.add(type));
        return types;
    }

    /** TCP refusals counted with {@code reason}. */
    double rejected(String reason) {
        Counter counter = registry.find("game.net.tcp.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
