package io.skirmish.ranking.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PeriodsTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void dailyBoardRollsOverAtMidnightUtcWithoutAGap() {
        long lastMs = at("2026-11-25T23:59:59.999Z");
        assertThat(Periods.dailyKey(lastMs)).isEqualTo("2026-11-25");
        assertThat(Periods.dailyKey(lastMs + 1)).isEqualTo("2026-11-26");
        assertThat(Periods.endMs(BoardPeriod.DAILY, "2026-11-25")).isEqualTo(lastMs + 1);
    }

    @Test
    void driven_clock_walks_through_every_millisecond_boundary_of_a_week() {
        long start = at("2026-11-23T00:00:00Z"); // a Monday
        String previous = Periods.weeklyKey(start - 1);
        assertThat(previous).isEqualTo("2026-W47");
        for (long t = start; t < start + 7 * 86_400_000L; t += 3_600_000L) {
            assertThat(Periods.weeklyKey(t)).isEqualTo("2026-W48");
        }
        assertThat(Periods.weeklyKey(start + 7 * 86_400_000L)).isEqualTo("2026-W49");
        assertThat(Periods.endMs(BoardPeriod.WEEKLY, "2026-W48")).isEqualTo(start + 7 * 86_400_000L);
        assertThat(Periods.start(BoardPeriod.WEEKLY, "2026-W48").toString()).isEqualTo("2026-11-23");
    }

    @Test
    void weeksFollowTheIsoWeekBasedYear() {
        assertThat(Periods.weeklyKey(at("2027-01-01T12:00:00Z"))).isEqualTo("2026-W53");
        assertThat(Periods.weeklyKey(at("2027-01-04T00:00:00Z"))).isEqualTo("2027-W01");
        assertThat(Periods.weeklyKey(at("2025-12-29T00:00:00Z"))).isEqualTo("2026-W01");
        assertThat(Periods.endMs(BoardPeriod.WEEKLY, "2026-W53")).isEqualTo(at("2027-01-04T00:00:00Z"));
    }

    @Test
    void timeZonesOtherThanUtcDoNotMatter() {
        // 23:30 in New York on the 25th is already the 26th in UTC.
        assertThat(Periods.dailyKey(at("2026-11-26T04:30:00Z"))).isEqualTo("2026-11-26");
    }

    @Test
    void refusesMalformedKeys() {
        assertThatThrownBy(() -> Periods.start(BoardPeriod.DAILY, "2026-13-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Periods.start(BoardPeriod.DAILY, "26-11-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Periods.start(BoardPeriod.WEEKLY, "2026-W54")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Periods.start(BoardPeriod.WEEKLY, "2025-W53")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Periods.start(BoardPeriod.WEEKLY, "2026-48")).isInstanceOf(IllegalArgumentException.class);
    }
}
