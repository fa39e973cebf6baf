package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability count (see {@link ReliabilityCount}): bots play while every fault is injected
 * in turn, then one final read must find nothing lost and nothing duplicated, and every fault
 * must have healed by itself.
 *
 * <p>CI runs it short (75 s of play, 24 bots). {@code bench/reliability-count.sh} runs the same
 * test for 3 minutes and writes {@code docs/reliability.md}'s count section, through the system
 * properties {@code skirmish.count.duration}, {@code skirmish.count.bots} and
 * {@code skirmish.count.docs}.
 */
@Tag("drill")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReliabilityCountDrillIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // each service's log stays for a post-mortem
    Path work;

    @Test
    void everyFaultHealsAndTheFinalReadFindsNothingLostOrDuplicated() throws Exception {
        Duration duration = Duration.parse("PT" + System.getProperty("skirmish.count.duration", "75s").toUpperCase());
        int bots = Integer.getInteger("skirmish.count.bots", 24);
        String docs = System.getProperty("skirmish.count.docs", "");
        String command = docs.isEmpty()
                ? "mvn -pl e2e-tests -am verify -Dtest=NONE -Dit.test=ReliabilityCountDrillIT -Dsurefire.failIfNoSpecifiedTests=false"
                : "bench/reliability-count.sh --duration " + duration.toSeconds() + "s --bots " + bots;
        ReliabilityCount.Settings settings = new ReliabilityCount.Settings(duration, bots, Duration.ofSeconds(20),
                docs.isEmpty() ? null : Path.of(docs), command);

        ReliabilityCount.Outcome outcome = new ReliabilityCount(work, settings).run();

        RunLedger.Counts counts = outcome.ledger().counts();
        assertThat(outcome.ledger().problems()).as("losses and duplicates").isEmpty();
        assertThat(counts.lost()).as("lost").isZero();
        assertThat(counts.duplicated()).as("duplicated").isZero();
        assertThat(counts.formed()).as("matches formed").isPositive();
        assertThat(counts.appliedOnce()).as("results applied").isPositive();
        assertThat(counts.aborted()).as("the killed server's matches were aborted").isPositive();
        assertThat(counts.eventsOnce()).as("events in Elasticsearch").isPositive();
        for (FaultWindow window : outcome.windows()) {
            assertThat(window.ran()).as("%s ran", window.fault).isTrue();
            assertThat(window.recoveryMs()).as("%s healed by itself", window.fault).isNotNegative();
        }
    }
}
