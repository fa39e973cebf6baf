package io.skirmish.ranking.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.kit.redis.link.TurnFlusher;
import org.junit.jupiter.api.Test;

class TurnFlushHandlerTest {

    /**
     * Plays the socket: holds what is written and sends it on flush, one batch per flush.
     * (EmbeddedChannel's own socket runs the loop's queued tasks after every write, which would
     * end the "turn" after each reply.)
     */
    private static final class Socket extends ChannelOutboundHandlerAdapter {
        final List<Long> pending = new ArrayList<>();
        final List<List<Long>> flushed = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            pending.add(((ServerMessage) msg).getRequestId());
            promise.setSuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushed.add(List.copyOf(pending));
            pending.clear();
        }
    }

    private final Socket socket = new Socket();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    TurnFlushHandlerTest() {
        channel.pipeline().addLast(socket, new TurnFlushHandler(new TurnFlusher(channel.eventLoop())));
    }

    private static ServerMessage reply(long requestId) {
        return ServerMessage.newBuilder().setRequestId(requestId).build();
    }

    /** One loop turn: the replies of a read, then the loop's queued tasks. */
    private void turn(long... requestIds) {
        channel.eventLoop().execute(() -> {
            for (long id : requestIds) {
                channel.pipeline().write(reply(id));
            }
        });
        channel.runPendingTasks();
    }

    @Test
    void sendsTheRepliesOfATurnInOneFlush() {
        turn(1, 2, 3);

        assertThat(socket.flushed).containsExactly(List.of(1L, 2L, 3L));
    }

    @Test
    void asksForAFlushAgainInTheNextTurn() {
        turn(1);
        turn(2, 3);

        assertThat(socket.flushed).containsExactly(List.of(1L), List.of(2L, 3L));
    }

    @Test
    void letsAnExplicitFlushGoAtOnce() {
        channel.pipeline().writeAndFlush(reply(4));

        assertThat(socket.flushed).containsExactly(List.of(4L));
    }
}
