package io.skirmish.kit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private RateLimitedLog log;

    @BeforeEach
    void setUp() {
        Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-test-" + System.nanoTime());
        lines.start();
        logger.addAppender(lines);
        log = new RateLimitedLog(logger, 2, 1, TimeUnit.SECONDS, nanos::get);
    }

    @Test
    void writesAtMostTheLimitPerReasonPerWindow() {
        for (int i = 0; i < 100; i++) {
            log.warn("bad-frame", "bad frame n={}", i);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("bad frame n=0", "bad frame n=1");
    }

    @Test
    void reasonsHaveSeparateBudgets() {
        log.warn("bad-frame", "frame");
        log.warn("bad-frame", "frame");
        boolean written = log.warn("bad-token", "token");

        assertThat(written).isTrue();
        assertThat(lines.list).hasSize(3);
    }

    @Test
    void nextWindowReportsHowManyWereSuppressed() {
        for (int i = 0; i < 5; i++) {
            log.warn("bad-frame", "frame {}", i);
        }
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));

        log.warn("bad-frame", "frame {}", 5);

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("frame 0", "frame 1",
                        "3 more 'bad-frame' lines suppressed in the last window", "frame 5");
    }
}
