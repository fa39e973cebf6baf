package io.skirmish.kit.net.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.skirmish.kit.log.RateLimitedLog;
import org.slf4j.LoggerFactory;

/** What the guard tests share: metrics on a simple registry, a log, and a recorder of user events. */
final class GuardFixtures {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final GuardMetrics metrics = new GuardMetrics(registry, "test.net", () -> 0);
    final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(GuardFixtures.class), 10, 1,
            TimeUnit.MINUTES, System::nanoTime);

    /** The service handler's seat: records what the guards tell it. */
    static final class EventRecorder extends ChannelInboundHandlerAdapter {
        final List<Object> events = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add(event);
        }
    }
}
