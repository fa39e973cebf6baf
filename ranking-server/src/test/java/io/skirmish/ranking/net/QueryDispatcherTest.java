package io.skirmish.ranking.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.Period;
import io.skirmish.protocol.ranking.v1.Rank;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.board.BoardQueries;
import io.skirmish.ranking.board.SeasonDirectory;
import io.skirmish.kit.redis.link.RedisCommand;
import io.skirmish.kit.redis.link.RedisLink;
import io.skirmish.kit.redis.link.RespError;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a link the test answers by hand, in the shapes Redis sends (no Redis
 * needed to check how a query is answered, refused and timed). Daily boards need no season.
 */
class QueryDispatcherTest {

    /** The event loop's link as the test plays it: records what was sent, answers {@link #next}. */
    private static final class HandLink implements QueryDispatcher.Link {
        final List<RedisLink.Reply> waiting = new ArrayList<>();
        RedisLink.Sent next = RedisLink.Sent.QUEUED;

        @Override
        public RedisLink.Sent send(RedisCommand step, RedisLink.Reply reply) {
            if (next == RedisLink.Sent.QUEUED) {
                waiting.add(reply);
            }
            return next;
        }
    }

    private final QueryProbe probe = new QueryProbe();
    private final HandLink link = new HandLink();
    private final BoardQueries queries = new BoardQueries(new SeasonDirectory(null),
            InstantSource.fixed(Instant.parse("2026-12-07T12:00:00Z")));
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new QueryDispatcher(queries, link, probe.refusals, probe.metrics, probe.clock));

    private static ClientMessage rank(long requestId, String board) {
        return ClientMessage.newBuilder().setRequestId(requestId).setRank(Rank.newBuilder().setPlayerId("p1")
                .setBoard(BoardRef.newBuilder().setBoard(board).setPeriod(Period.PERIOD_DAILY))).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Timer rankTimer() {
        return probe.metrics.duration(ClientMessage.BodyCase.RANK);
    }

    @Test
    void answersAQueryWhenRedisHasAnsweredItsStep() {
        channel.writeInbound(rank(7, "duel.wins"));
        assertThat(QueryProbe.nextReply(channel)).as("nothing before Redis answers").isNull();

        link.waiting.get(0).onReply(Arrays.asList(3L, bytes("4294967296"), 0L));

        ServerMessage reply = QueryProbe.nextReply(channel);
        assertThat(reply.getRequestId()).isEqualTo(7);
        assertThat(reply.getPlayerRank().getFound()).isTrue();
        assertThat(reply.getPlayerRank().getEntry().getPlayerId()).isEqualTo("p1");
        assertThat(reply.getPlayerRank().getBoard().getPeriodKey()).as("today's board").isEqualTo("2026-12-07");
    }

    @Test
    void timesAQueryOnTheInjectedClockFromArrivalToAnswer() {
        channel.writeInbound(rank(7, "duel.wins"));
        probe.clock.advanceMillis(3);
        link.waiting.get(0).onReply(Arrays.asList(0L, null, null));

        assertThat(rankTimer().count()).isEqualTo(1);
        assertThat(rankTimer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
    }

    @Test
    void refusesAnUnknownBoardAndKeepsTheConnection() {
        channel.writeInbound(rank(8, "chess"));

        Error error = QueryProbe.nextError(channel, 8);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_BOARD);
        assertThat(link.waiting).as("nothing sent to Redis").isEmpty();
        assertThat(probe.refused(ErrorCode.ERROR_CODE_UNKNOWN_BOARD)).isEqualTo(1);
        assertThat(rankTimer().count()).as("a refused query is timed too").isEqualTo(1);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void answersBusyWithARetryHintWhenTheLinkIsFull() {
        link.next = RedisLink.Sent.BUSY;
        channel.writeInbound(rank(9, "duel.wins"));

        Error error = QueryProbe.nextError(channel, 9);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_SERVER_BUSY);
        assertThat(error.getRetryAfterMs()).isEqualTo(QueryDispatcher.BUSY_RETRY_MS);
    }

    @Test
    void answersUnavailableWhenThereIsNoConnectionToRedis() {
        link.next = RedisLink.Sent.DOWN;
        channel.writeInbound(rank(10, "duel.wins"));

        Error error = QueryProbe.nextError(channel, 10);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_INTERNAL);
        assertThat(error.getMessage()).isEqualTo("leaderboards unavailable");
        assertThat(error.getRetryAfterMs()).isEqualTo(QueryDispatcher.UNAVAILABLE_RETRY_MS);
    }

    @Test
    void answersUnavailableWhenRedisRefusesACommandOfTheStep() {
        channel.writeInbound(rank(11, "duel.wins"));
        link.waiting.get(0).onReply(Arrays.asList(3L, new RespError("WRONGTYPE Operation"), 0L));

        Error error = QueryProbe.nextError(channel, 11);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_INTERNAL);
        assertThat(error.getRetryAfterMs()).isEqualTo(QueryDispatcher.UNAVAILABLE_RETRY_MS);
    }

    @Test
    void answersUnavailableWhenTheLinkLosesTheQuery() {
        channel.writeInbound(rank(12, "duel.wins"));
        link.waiting.get(0).onFailure("timed out");

        assertThat(QueryProbe.nextError(channel, 12).getMessage()).isEqualTo("leaderboards unavailable");
        assertThat(probe.refused(ErrorCode.ERROR_CODE_INTERNAL)).isEqualTo(1);
    }

    @Test
    void answersAnUnreadableReplyAsAnInternalError() {
        channel.writeInbound(rank(13, "duel.wins"));
        link.waiting.get(0).onReply(Arrays.asList(3L, "not a score", 0L));

        Error error = QueryProbe.nextError(channel, 13);
        assertThat(error.getCode()).isEqualTo(ErrorCode.ERROR_CODE_INTERNAL);
        assertThat(error.getMessage()).isEqualTo("internal error");
    }

    @Test
    void countsEveryConnection() {
        assertThat(probe.registry.get("ranking.net.connections").counter().count()).isEqualTo(1);
    }
}
