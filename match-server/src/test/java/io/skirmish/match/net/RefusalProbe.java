package io.skirmish.match.net;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.match.queue.MatchMetrics;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.match.v1.ServerMessage;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@link Refusals} of a handler under test, over a real meter registry, and how a test
 * reads what the handler answered: the one {@code Error} written to an {@link EmbeddedChannel}.
 */
final class RefusalProbe {

    final FakeNanoClock clock = new FakeNanoClock();
    final MatchMetrics metrics = new MatchMetrics(new SimpleMeterRegistry());
    final Refusals refusals = new Refusals(metrics,
            new RateLimitedLog(LoggerFactory.getLogger(RefusalProbe.class), 10, 1, TimeUnit.MINUTES, clock));

    /** How many refusals {@code match.net.rejected{reason}} counted. */
    double rejected(String reason) {
        return metrics.count("match.net.rejected", "reason", reason);
    }

    /** The single reply written so far, which must be an error echoing {@code requestId}. */
    static Error onlyError(EmbeddedChannel channel, long requestId) {
        ServerMessage reply = channel.readOutbound();
        assertThat(reply).as("a reply").isNotNull();
        assertThat((Object) channel.readOutbound()).as("only one reply").isNull();
        assertThat(reply.getRequestId()).isEqualTo(requestId);
        assertThat(reply.hasError()).as("an error reply: %s", reply).isTrue();
        return reply.getError();
    }

    /** A monotonic clock the test moves by hand. */
    static final class FakeNanoClock implements java.util.function.LongSupplier {
        private long nanos;

        @Override
        public long getAsLong() {
            return nanos;
        }

        void advanceMillis(long millis) {
            nanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }
}
