package io.skirmish.bots.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class TimeToMatchSplitTest {

    private static Histogram waits(long... ms) {
        Histogram histogram = new Histogram(2);
        for (long value : ms) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    @Test
    void aPlayerCountsInItsModeAndInSoloOrParty() {
        assertThat(TimeToMatchSplit.groupsOf("duel", 1)).containsExactly("duel", "solo");
        assertThat(TimeToMatchSplit.groupsOf("squad", 3)).containsExactly("squad", "party");
        assertThat(TimeToMatchSplit.groupsOf("squad", 1)).containsExactly("squad", "solo");
        assertThat(TimeToMatchSplit.groupsOf("ffa", 1)).containsExactly("ffa", "solo");
    }

    @Test
    void unknownModesTicketSizesAndGroupsAreRefused() {
        assertThatThrownBy(() -> TimeToMatchSplit.groupsOf("battle-royale", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("battle-royale");
        assertThatThrownBy(() -> TimeToMatchSplit.groupsOf("duel", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeToMatchSplit().add("duels", waits(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duels");
    }

    @Test
    void intervalsOfAGroupAddUpAndStayApartFromOtherGroups() {
        TimeToMatchSplit split = new TimeToMatchSplit();
        split.add("duel", waits(100, 200));
        split.add("squad", waits(9_000));
        split.add("duel", waits(300, 4_000));

        Map<String, Percentiles> figures = split.percentiles();

        assertThat(figures.get("duel").count()).isEqualTo(4);
        assertThat(figures.get("duel").p50()).isCloseTo(200.0, withinPercentage(1));
        assertThat(figures.get("duel").max()).isCloseTo(4_000.0, withinPercentage(1));
        assertThat(figures.get("squad").count()).isEqualTo(1);
        assertThat(figures.get("squad").max()).isCloseTo(9_000.0, withinPercentage(1));
    }

    @Test
    void everyGroupIsReportedInDisplayOrderEvenWhenNobodyWaitedInIt() {
        Map<String, Percentiles> figures = new TimeToMatchSplit().percentiles();

        assertThat(figures.keySet()).containsExactly("duel", "squad", "ffa", "solo", "party");
        assertThat(figures.get("ffa").count()).isZero();
        assertThat(figures.get("ffa").p99()).isNaN();
    }
}
