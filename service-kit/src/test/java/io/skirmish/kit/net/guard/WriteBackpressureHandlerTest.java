package io.skirmish.kit.net.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class WriteBackpressureHandlerTest {

    private final GuardFixtures fixtures = new GuardFixtures();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    // Netty counts about 100 bytes of bookkeeping per queued message on top of its size.
    WriteBackpressureHandlerTest() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(200, 400));
        channel.pipeline().addLast(new WriteBackpressureHandler(2_000, fixtures.metrics, fixtures.log));
    }

    @Test
    void stopsReadingWhileUnsentRepliesAreAboveTheHighWaterMark() {
        channel.write(Unpooled.wrappedBuffer(new byte[500]));

        assertThat(channel.isWritable()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(fixtures.metrics.pausedCount()).isEqualTo(1);
    }

    @Test
    void readsAgainOnceTheRepliesWentOut() {
        channel.write(Unpooled.wrappedBuffer(new byte[500]));
        channel.flush();

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void closesAConnectionPastTheHardLimit() {
        for (int i = 0; i < 4; i++) {
            channel.write(Unpooled.wrappedBuffer(new byte[500]));
        }

        assertThat(channel.isOpen()).isFalse();
        assertThat(fixtures.metrics.closedCount(GuardRefusal.WRITE_LIMIT)).isEqualTo(1);
    }

    @Test
    void anotherPauseReasonKeepsTheConnectionUnreadWhenWritesDrain() {
        ReadPause.set(channel, ReadPause.IN_FLIGHT, true);
        channel.write(Unpooled.wrappedBuffer(new byte[500]));
        channel.flush();

        assertThat(channel.config().isAutoRead()).isFalse();
        ReadPause.set(channel, ReadPause.IN_FLIGHT, false);
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
