package io.skirmish.kit.net.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class IdleCloseHandlerTest {

    private final GuardFixtures fixtures = new GuardFixtures();
    private final GuardFixtures.EventRecorder service = new GuardFixtures.EventRecorder();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new IdleCloseHandler(TimeUnit.MINUTES.toNanos(5), fixtures.metrics, fixtures.log), service);

    @Test
    void closesAConnectionSilentForTheIdleTimeout() {
        channel.advanceTimeBy(5, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();

        assertThat(service.events).containsExactly(GuardEvent.IDLE);
        assertThat(channel.isOpen()).isFalse();
        assertThat(fixtures.metrics.closedCount(GuardRefusal.IDLE)).isEqualTo(1);
    }

    @Test
    void keepsAConnectionThatKeepsTalking() {
        for (int minute = 0; minute < 10; minute++) {
            channel.advanceTimeBy(4, TimeUnit.MINUTES);
            channel.runScheduledPendingTasks();
            channel.writeInbound("request");
        }

        assertThat(channel.isOpen()).isTrue();
    }
}
