package io.skirmish.kit.net.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class HandshakeDeadlineHandlerTest {

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final GuardFixtures fixtures = new GuardFixtures();
    private final GuardFixtures.EventRecorder service = new GuardFixtures.EventRecorder();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new HandshakeDeadlineHandler(DEADLINE_NANOS, fixtures.metrics, fixtures.log), service);

    @Test
    void closesAConnectionWithoutHandshakeAtTheDeadlineAfterTellingTheService() {
        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(service.events).containsExactly(GuardEvent.HANDSHAKE_DEADLINE);
        assertThat(channel.isOpen()).isFalse();
        assertThat(fixtures.metrics.closedCount(GuardRefusal.HANDSHAKE_DEADLINE)).isEqualTo(1);
    }

    @Test
    void trafficBeforeTheHandshakeDoesNotPushTheDeadlineBack() {
        for (int second = 0; second < 10; second++) {
            channel.writeInbound("ping");
            channel.advanceTimeBy(1, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
        }

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aCompletedHandshakeLiftsTheDeadline() {
        TcpGuards.handshakeDone(channel);
        channel.advanceTimeBy(1, TimeUnit.HOURS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();
        assertThat(service.events).isEmpty();
    }
}
