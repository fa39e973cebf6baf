package io.skirmish.ranking.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.kit.redis.link.RedisCommand;
import io.skirmish.kit.redis.link.RedisLink;
import io.skirmish.kit.redis.link.RespError;
import io.skirmish.kit.redis.link.RespPush;
import org.junit.jupiter.api.Test;

/** The tracking session driven by hand: the commands it sends and the pushes Redis would send it. */
class BoardTrackingTest {

    private static final String BOARD = BoardTracking.PREFIX + "duel:season:s1";
    private static final String[] KEYS = {BOARD, BOARD + ":ratings"};

    private final PageCache cache = new PageCache(16, new CacheMetrics(new SimpleMeterRegistry()));
    private final List<String> sent = new ArrayList<>();
    private final List<RedisLink.Reply> replies = new ArrayList<>();
    private final BoardTracking tracking = new BoardTracking(cache, this::record);

    private RedisLink.Sent record(RedisCommand command, RedisLink.Reply reply) {
        ByteBuf out = Unpooled.buffer();
        command.writeTo(out);
        sent.add(out.toString(StandardCharsets.UTF_8).replaceAll("\\*\\d+\r\n|\\$\\d+\r\n", "").replace("\r\n", " ").trim());
        out.release();
        replies.add(reply);
        return RedisLink.Sent.QUEUED;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static RespPush invalidate(String... keys) {
        return new RespPush(Arrays.asList(bytes("invalidate"), Arrays.stream(keys).map(BoardTrackingTest::bytes).toList()));
    }

    private void connectAndTrack() {
        tracking.connected();
        replies.get(replies.size() - 1).onReply("OK");
    }

    private void keepTop(String leader) {
        cache.put("top", KEYS, LeaderboardPage.newBuilder().setTotalEntries(1).build(), cache.ticket());
        assertThat(cache.get("top")).as(leader).isNotNull();
    }

    @Test
    void asksForBroadcastTrackingOfEveryLeaderboardKeyAndServesOnlyOnceRedisAgreed() {
        tracking.connected();
        assertThat(sent).containsExactly("CLIENT TRACKING ON BCAST PREFIX skirmish:{rk}:lb:");
        assertThat(cache.isLive()).isFalse();

        replies.get(0).onReply("OK");
        assertThat(cache.isLive()).isTrue();
    }

    @Test
    void staysDarkWhenRedisRefusesTracking() {
        tracking.connected();
        replies.get(0).onReply(new RespError("ERR unknown subcommand"));
        assertThat(cache.isLive()).isFalse();
        assertThat(cache.ticket()).isEqualTo(PageCache.NO_TICKET);
    }

    @Test
    void dropsThePagesOfTheKeysAnInvalidatePushNames() {
        connectAndTrack();
        keepTop("a");
        tracking.pushed(invalidate(BoardTracking.PREFIX + "ffa:season:s1"));
        assertThat(cache.get("top")).as("another board changed").isNotNull();

        tracking.pushed(invalidate(BOARD + ":ratings", BoardTracking.PREFIX + "duel.wins:season:s1"));
        assertThat(cache.get("top")).isNull();
    }

    @Test
    void dropsEverythingOnAnInvalidatePushWithoutKeys() {
        connectAndTrack();
        keepTop("a");
        tracking.pushed(new RespPush(Arrays.asList(bytes("invalidate"), null))); // FLUSHALL
        assertThat(cache.size()).isZero();
        assertThat(cache.isLive()).isTrue();
    }

    @Test
    void ignoresOtherPushes() {
        connectAndTrack();
        keepTop("a");
        tracking.pushed(new RespPush(List.of(bytes("message"), bytes("channel"), bytes(BOARD))));
        tracking.pushed(new RespPush(List.of()));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void flushesAndGoesDarkWhenTheConnectionDropsUntilTrackingIsBackOnTheNextOne() {
        connectAndTrack();
        keepTop("a");

        tracking.disconnected();
        assertThat(cache.size()).isZero();
        assertThat(cache.isLive()).isFalse();

        tracking.connected();
        assertThat(cache.isLive()).as("not before Redis acknowledged tracking again").isFalse();
        replies.get(replies.size() - 1).onReply("OK");
        assertThat(cache.isLive()).isTrue();
        assertThat(sent).containsExactly("CLIENT TRACKING ON BCAST PREFIX skirmish:{rk}:lb:",
                "CLIENT TRACKING ON BCAST PREFIX skirmish:{rk}:lb:");
    }
}
