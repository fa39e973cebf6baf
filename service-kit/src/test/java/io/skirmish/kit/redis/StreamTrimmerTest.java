package io.skirmish.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.skirmish.kit.redis.StreamTrimmer.GroupPosition;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

/** The trim point: retention, last delivered and oldest pending entries of every group. */
class StreamTrimmerTest {

    private static final long NOW_MS = 1_000_000L;

    private static StreamEntryID id(long ms, long seq) {
        return new StreamEntryID(ms, seq);
    }

    @Test
    void withoutGroupsOnlyTheRetentionIsKept() {
        assertThat(StreamTrimmer.keepFrom(List.of(), NOW_MS, Duration.ofSeconds(60))).isEqualTo(id(NOW_MS - 60_000, 0));
    }

    @Test
    void aGroupWithNothingPendingNeedsFromItsLastDeliveredEntry() {
        List<GroupPosition> groups = List.of(new GroupPosition("shipper", id(500_000, 3), null));

        assertThat(StreamTrimmer.keepFrom(groups, NOW_MS, Duration.ZERO)).isEqualTo(id(500_000, 3));
    }

    @Test
    void anUnacknowledgedEntryIsKeptEvenWhenNewerOnesWereDelivered() {
        List<GroupPosition> groups = List.of(new GroupPosition("ranking", id(900_000, 0), id(400_000, 7)));

        assertThat(StreamTrimmer.keepFrom(groups, NOW_MS, Duration.ZERO)).isEqualTo(id(400_000, 7));
    }

    @Test
    void theSlowestGroupDecides() {
        List<GroupPosition> groups = List.of(
                new GroupPosition("fast", id(990_000, 0), null),
                new GroupPosition("slow", id(300_000, 1), null),
                new GroupPosition("stuck", id(950_000, 0), id(600_000, 0)));

        assertThat(StreamTrimmer.keepFrom(groups, NOW_MS, Duration.ZERO)).isEqualTo(id(300_000, 1));
    }

    @Test
    void theRetentionKeepsEntriesEveryGroupHasAcknowledged() {
        List<GroupPosition> groups = List.of(new GroupPosition("shipper", id(990_000, 0), null));

        assertThat(StreamTrimmer.keepFrom(groups, NOW_MS, Duration.ofSeconds(100))).isEqualTo(id(900_000, 0));
    }

    @Test
    void aRetentionLongerThanTheClockKeepsEverything() {
        assertThat(StreamTrimmer.keepFrom(List.of(), 5_000, Duration.ofDays(1))).isEqualTo(id(0, 0));
    }
}
