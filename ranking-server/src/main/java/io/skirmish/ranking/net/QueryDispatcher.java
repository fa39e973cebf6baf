package io.skirmish.ranking.net;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.ClientMessage;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.board.BoardCall;
import io.skirmish.ranking.board.BoardQueries;
import io.skirmish.ranking.board.QueryException;
import io.skirmish.kit.redis.link.RedisCommand;
import io.skirmish.kit.redis.link.RedisLink;
import io.skirmish.kit.redis.link.RespError;

/**
 * Last link of the ranking request chain: each query becomes a {@link BoardCall} whose steps go
 * out on the event loop's {@link RedisLink} (the loop never blocks: it sends and moves on), and
 * the query is answered with exactly one {@code ServerMessage} carrying its {@code request_id}
 * once Redis has answered its last step. A query it cannot answer (unknown board, bad argument,
 * the link busy or down, Redis refusing a command) is refused through {@link QueryRefusals}; the
 * connection stays. {@code ranking.query.duration{query}} is timed on the injected monotonic clock,
 * from the query reaching this handler to its answer being written.
 *
 * <p>One instance per connection; every method, and every reply callback, runs on the channel's
 * event loop, which is also the link's.
 */
final class QueryDispatcher extends SimpleChannelInboundHandler<ClientMessage> {

    static final int BUSY_RETRY_MS = InFlightLimitHandler.BUSY_RETRY_MS;
    static final int UNAVAILABLE_RETRY_MS = 1_000;

    /** Where a query's steps go: the event loop's {@link RedisLink#send}. */
    @FunctionalInterface
    interface Link {
        RedisLink.Sent send(RedisCommand step, RedisLink.Reply reply);
    }

    private final BoardQueries queries;
    private final Link link;
    private final QueryRefusals refusals;
    private final QueryMetrics metrics;
    private final LongSupplier nanoClock;
    private ChannelHandlerContext ctx;

    QueryDispatcher(BoardQueries queries, Link link, QueryRefusals refusals, QueryMetrics metrics,
                    LongSupplier nanoClock) {
        this.queries = queries;
        this.link = link;
        this.refusals = refusals;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        metrics.connected();
        super.channelActive(context);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, ClientMessage message) {
        long startNs = nanoClock.getAsLong();
        BoardCall call;
        try {
            call = queries.prepare(message);
        } catch (QueryException e) {
            refuse(message, startNs, e.code(), e.getMessage(), 0);
            return;
        }
        BoardCall.Step first = call.first();
        Query query = new Query(message, call, startNs);
        if (first == null) {
            query.answerFilled(); // from the read cache
        } else {
            query.send(first);
        }
    }

    /** One query on its way through its steps. */
    private final class Query implements RedisLink.Reply {
        private final ClientMessage message;
        private final BoardCall call;
        private final long startNs;
        private BoardCall.Step step;

        Query(ClientMessage message, BoardCall call, long startNs) {
            this.message = message;
            this.call = call;
            this.startNs = startNs;
        }

        void send(BoardCall.Step next) {
            step = next;
            switch (link.send(next, this)) {
                case QUEUED -> { }
                case BUSY -> refuse(message, startNs, ErrorCode.ERROR_CODE_SERVER_BUSY, "too many queries in flight",
                        BUSY_RETRY_MS);
                case DOWN -> onFailure("no connection to redis");
            }
        }

        @Override
        public void onReply(Object value) {
            List<Object> replies = step.repliesIn(value);
            for (Object reply : replies) {
                if (reply instanceof RespError error) {
                    refusals.log("redis-error", "query refused by redis call={} error={}", call, error.message());
                    refuse(message, startNs, ErrorCode.ERROR_CODE_INTERNAL, "leaderboards unavailable",
                            UNAVAILABLE_RETRY_MS);
                    return;
                }
            }
            ServerMessage.Builder reply = ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                    .setRequestId(message.getRequestId());
            try {
                BoardCall.Step next = call.next(replies);
                if (next != null) {
                    send(next);
                    return;
                }
                call.fill(reply);
            } catch (RuntimeException e) {
                refusals.log("unreadable", "query reply unreadable call={} error={}", call, e.toString());
                refuse(message, startNs, ErrorCode.ERROR_CODE_INTERNAL, "internal error", 0);
                return;
            }
            ctx.write(reply.build());
            timed(message, startNs);
        }

        /** Answers with what the call holds already (no Redis step). */
        void answerFilled() {
            ServerMessage.Builder reply = ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                    .setRequestId(message.getRequestId());
            call.fill(reply);
            ctx.write(reply.build());
            timed(message, startNs);
        }

        @Override
        public void onFailure(String reason) {
            refusals.log("redis-down", "query failed call={} reason={}", call, reason);
            refuse(message, startNs, ErrorCode.ERROR_CODE_INTERNAL, "leaderboards unavailable", UNAVAILABLE_RETRY_MS);
        }
    }

    private void refuse(ClientMessage message, long startNs, ErrorCode code, String text, int retryAfterMs) {
        refusals.refuse(ctx, message.getRequestId(), code, text, retryAfterMs);
        timed(message, startNs);
    }

    private void timed(ClientMessage message, long startNs) {
        Timer timer = metrics.duration(message.getBodyCase());
        if (timer != null) { // a message without a body has no query to time
            timer.record(nanoClock.getAsLong() - startNs, TimeUnit.NANOSECONDS);
        }
    }
}
