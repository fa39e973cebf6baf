package io.skirmish.match.queue;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlotGroupsTest {

    private final List<String> keys = List.of(MatchKeys.queued("a"), MatchKeys.queued("b"), "x:{a}:other",
            MatchKeys.queued("c"));

    @Test
    void aSingleRedisTakesEveryKeyInOneCall() {
        List<SlotGroups.Group> groups = SlotGroups.forCluster(false).group(keys);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).keys()).isEqualTo(keys);
        assertThat(groups.get(0).indexes()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aClusterGetsOneCallPerSlotAndKeepsPositions() {
        List<SlotGroups.Group> groups = SlotGroups.forCluster(true).group(keys);
        assertThat(groups).hasSize(3); // {a} twice, {b}, {c}
        assertThat(groups.get(0).keys()).containsExactly(MatchKeys.queued("a"), "x:{a}:other");
        assertThat(groups.get(0).indexes()).containsExactly(0, 2);
        assertThat(groups.stream().mapToInt(g -> g.keys().size()).sum()).isEqualTo(4);
    }
}
