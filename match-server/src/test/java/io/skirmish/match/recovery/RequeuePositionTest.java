package io.skirmish.match.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequeuePositionTest {

    private static final long TTL_MS = 600_000;

    @Test
    void keepsTheOriginalJoinTimeSoNewerTicketsStayBehind() {
        long joinedMs = 1_000_000;
        long abortedMs = joinedMs + 90_000;

        assertThat(RequeuePosition.score(joinedMs, abortedMs, TTL_MS)).isEqualTo(joinedMs);
        assertThat(RequeuePosition.score(joinedMs, abortedMs, TTL_MS)).isLessThan(joinedMs + 1);
    }

    @Test
    void neverPlacesATicketWhereTheTtlSweepWouldDropItAtOnce() {
        long joinedMs = 1_000_000;
        long abortedMs = joinedMs + TTL_MS + 5_000;

        long score = RequeuePosition.score(joinedMs, abortedMs, TTL_MS);

        assertThat(score).isEqualTo(abortedMs - TTL_MS / 2);
        assertThat(abortedMs - score).as("time left before the TTL sweep").isEqualTo(TTL_MS / 2);
    }

    @Test
    void earliestIsHalfATtlBeforeNow() {
        assertThat(RequeuePosition.earliest(2_000_000, TTL_MS)).isEqualTo(1_700_000);
    }
}
