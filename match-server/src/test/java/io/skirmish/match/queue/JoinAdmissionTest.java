package io.skirmish.match.queue;

import io.skirmish.match.rules.QueueMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinAdmissionTest {

    private static final MatchKeys.Queue DUEL_EU = new MatchKeys.Queue(QueueMode.DUEL, "eu");
    private static final MatchKeys.Queue DUEL_NA = new MatchKeys.Queue(QueueMode.DUEL, "na");
    private static final long ROUND_NS = Duration.ofMillis(250).toNanos();

    private final JoinAdmission admission = new JoinAdmission(Duration.ofSeconds(2));
    private long nowNs = 1_000_000_000L;
    private long matched;

    /** Rounds at 4 a second for {@code seconds}, forming {@code perSecond} tickets a second with {@code size} waiting. */
    private void rounds(MatchKeys.Queue queue, int seconds, long perSecond, long size) {
        for (int i = 0; i < seconds * 4; i++) {
            nowNs += ROUND_NS;
            matched += perSecond / 4;
            admission.onListed(queue, size, matched, nowNs);
        }
    }

    @Test
    void admitsEveryJoinBeforeAnyRound() {
        assertThat(admission.check(DUEL_EU)).isNull();
        assertThat(admission.expectedWaitMs(DUEL_EU)).isEqualTo(-1);
    }

    @Test
    void admitsWhileTheFormationRateIsNotKnownYet() {
        admission.onListed(DUEL_EU, 50_000, 0, nowNs);
        admission.onListed(DUEL_EU, 50_000, 10, nowNs + ROUND_NS);

        assertThat(admission.check(DUEL_EU)).isNull();
    }

    @Test
    void admitsWhileTheBacklogFormsWithinTheBound() {
        rounds(DUEL_EU, 5, 1_000, 1_500);

        assertThat(admission.check(DUEL_EU)).isNull();
        assertThat(admission.expectedWaitMs(DUEL_EU)).isEqualTo(1_500);
    }

    @Test
    void refusesOnceTheBacklogWouldTakeLongerThanTheBoundToForm() {
        rounds(DUEL_EU, 5, 1_000, 2_500);

        JoinAdmission.Refusal refusal = admission.check(DUEL_EU);

        assertThat(refusal).isNotNull();
        assertThat(refusal.size()).isEqualTo(2_500);
        assertThat(refusal.ticketsPerSec()).isEqualTo(1_000);
        assertThat(refusal.expectedWaitMs()).isEqualTo(2_500);
        assertThat(refusal.reason()).contains("2500 tickets waiting", "1000/s", "2500 ms");
    }

    @Test
    void admitsAgainOnceFormationHasDrainedTheBacklog() {
        rounds(DUEL_EU, 5, 1_000, 2_500);
        rounds(DUEL_EU, 1, 1_000, 1_200);

        assertThat(admission.check(DUEL_EU)).isNull();
    }

    @Test
    void alwaysAdmitsAQueueBelowTheMinimumBacklog() {
        rounds(DUEL_EU, 5, 4, JoinAdmission.MIN_BACKLOG - 1);

        assertThat(admission.check(DUEL_EU)).isNull();
    }

    @Test
    void refusesAQueueWithABacklogThatFormsNothing() {
        rounds(DUEL_EU, 5, 0, 500);

        JoinAdmission.Refusal refusal = admission.check(DUEL_EU);

        assertThat(refusal).isNotNull();
        assertThat(refusal.reason()).contains("500 tickets waiting and none formed");
    }

    @Test
    void measuresTheRateOverTheLastSecondsOnly() {
        rounds(DUEL_EU, 10, 2_000, 3_000); // 1.5 s of backlog at 2,000/s
        assertThat(admission.check(DUEL_EU)).isNull();

        rounds(DUEL_EU, 10, 1_000, 3_000); // formation slowed down: 3 s of backlog

        assertThat(admission.check(DUEL_EU)).isNotNull();
        assertThat(admission.check(DUEL_EU).ticketsPerSec()).isEqualTo(1_000);
    }

    @Test
    void measuresAfreshWhenTheCounterGoesBack() {
        rounds(DUEL_EU, 5, 1_000, 2_500);
        matched = 0; // statistics reset (a Redis restart without persistence)
        admission.onListed(DUEL_EU, 2_500, matched, nowNs + ROUND_NS);

        assertThat(admission.check(DUEL_EU)).as("no rate yet").isNull();
    }

    @Test
    void judgesEachQueueByItsOwnBacklogAndRate() {
        rounds(DUEL_EU, 5, 1_000, 5_000);
        long eu = matched;
        matched = 0;
        rounds(DUEL_NA, 5, 1_000, 500);
        matched = eu;

        assertThat(admission.check(DUEL_EU)).isNotNull();
        assertThat(admission.check(DUEL_NA)).isNull();
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new JoinAdmission(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
