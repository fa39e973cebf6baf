package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reliability count (see {@link ReliabilityCount}): bots play while every fault is injected
 * in turn, then one final read must find nothing lost and nothing duplicated, and every fault
 * must have healed by itself.
 *
 * <p>CI runs it short (75 s of play, 24 bots). {@code bench/reliability-count.sh} runs the same
 * test for 3 minutes and writes {@code docs/reliability.md}'s count section, through the system
 * properties {@code skirmish.count.duration}, {@code skirmish.count.bots},
 * {@code skirmish.count.docs} and {@code skirmish.count.redis} ({@code single}, the default, or
 * {@code cluster}: see {@link RedisTopology}).
 *
 * <p>Every service's log, the Redis and Elasticsearch folders and the swarm's report stay under
 * {@code target/drills/reliability-count-<n>/} after the run, pass or fail, so a CI failure can
 * be read afterwards; a failure names that folder. Tagged {@code count} so that the {@code drills}
 * execution leaves it to its own {@code reliability-count} execution.
 */
@Tag("drill")
@Tag("count")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReliabilityCountDrillIT {

    private final Path work = DrillDirs.create("reliability-count");

    @Test
    void everyFaultHealsAndTheFinalReadFindsNothingLostOrDuplicated() throws Exception {
        Duration duration = Duration.parse("PT" + System.getProperty("skirmish.count.duration", "75s").toUpperCase());
        int bots = Integer.getInteger("skirmish.count.bots", 24);
        String docs = System.getProperty("skirmish.count.docs", "");
        RedisTopology redis = RedisTopology.parse(System.getProperty("skirmish.count.redis", "single"));
        String command = docs.isEmpty()
                ? "mvn -pl e2e-tests -am verify -Dtest=NONE -Dit.test=ReliabilityCountDrillIT -Dsurefire.failIfNoSpecifiedTests=false"
                : "bench/reliability-count.sh --duration " + duration.toSeconds() + "s --bots " + bots
                        + (redis == RedisTopology.CLUSTER ? " --redis cluster" : "");
        ReliabilityCount.Settings settings = new ReliabilityCount.Settings(duration, bots, Duration.ofSeconds(20),
                docs.isEmpty() ? null : Path.of(docs), command, redis);

        ReliabilityCount.Outcome outcome;
        try {
            outcome = new ReliabilityCount(work, settings).run();
        } catch (Exception | AssertionError e) {
            throw new AssertionError("the count did not finish; every service's log is in " + work, e);
        }

        RunLedger.Counts counts = outcome.ledger().counts();
        String logs = " (every service's log: " + work + ")";
        assertThat(outcome.ledger().problems()).as("losses and duplicates" + logs).isEmpty();
        assertThat(counts.lost()).as("lost" + logs).isZero();
        assertThat(counts.duplicated()).as("duplicated" + logs).isZero();
        assertThat(counts.formed()).as("matches formed" + logs).isPositive();
        assertThat(counts.appliedOnce()).as("results applied" + logs).isPositive();
        assertThat(counts.aborted()).as("the killed server's matches were aborted" + logs).isPositive();
        assertThat(counts.eventsOnce()).as("events in Elasticsearch" + logs).isPositive();
        for (FaultWindow window : outcome.windows()) {
            assertThat(window.ran()).as("%s ran%s", window.fault, logs).isTrue();
            assertThat(window.recoveryMs()).as("%s healed by itself%s", window.fault, logs).isNotNegative();
        }
    }
}
