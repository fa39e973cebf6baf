package io.skirmish.ranking.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import org.slf4j.LoggerFactory;

/**
 * The real {@link QueryRefusals} and {@link QueryMetrics} of a handler under test, over a real
 * meter registry and a monotonic clock the test moves by hand, and how a test reads what the
 * handler answered on an {@link EmbeddedChannel}.
 */
final class QueryProbe {

    final FakeNanoClock clock = new FakeNanoClock();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final QueryMetrics metrics = new QueryMetrics(registry);
    final QueryRefusals refusals = new QueryRefusals(metrics,
            new RateLimitedLog(LoggerFactory.getLogger(QueryProbe.class), 10, 1, TimeUnit.MINUTES, clock));

    /** Queries answered with an Error, connection kept ({@code ranking.query.errors{code}}). */
    double refused(ErrorCode code) {
        Counter counter = registry.find("ranking.query.errors").tag("code", code.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Connections closed for a protocol error ({@code ranking.net.rejected{code}}). */
    double rejected(ErrorCode code) {
        Counter counter = registry.find("ranking.net.rejected").tag("code", code.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The next reply written (and flushed now), or null. */
    static ServerMessage nextReply(EmbeddedChannel channel) {
        if (channel.isOpen()) {
            channel.flushOutbound();
        }
        return channel.readOutbound();
    }

    /** The next reply, which must be an error echoing {@code requestId}. */
    static Error nextError(EmbeddedChannel channel, long requestId) {
        ServerMessage reply = nextReply(channel);
        assertThat(reply).as("a reply").isNotNull();
        assertThat(reply.getRequestId()).isEqualTo(requestId);
        assertThat(reply.hasError()).as("an error reply: %s", reply).isTrue();
        return reply.getError();
    }

    /** A monotonic clock the test moves by hand. */
    static final class FakeNanoClock implements LongSupplier {
        private long nanos = 1_000;

        @Override
        public long getAsLong() {
            return nanos;
        }

        void advanceMillis(long millis) {
            nanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }
}
