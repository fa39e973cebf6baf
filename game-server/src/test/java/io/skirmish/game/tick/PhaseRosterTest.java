package io.skirmish.game.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PhaseRosterTest {

    private final PhaseRoster<String> roster = new PhaseRoster<>(4);

    private List<String> members(int phase) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < roster.size(phase); i++) {
            members.add(roster.member(phase, i));
        }
        return members;
    }

    @Test
    void anEmptyRosterFillsThePhasesInTurn() {
        List<Integer> phases = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            phases.add(roster.add("m" + m, 8));
        }

        assertThat(phases).containsExactly(0, 1, 2, 3, 0, 1, 2, 3);
        assertThat(members(2)).containsExactly("m2", "m6");
    }

    @Test
    void aNewMatchJoinsThePhaseWithTheFewestPlayers() {
        roster.add("ffa", 8);
        roster.add("duel-a", 2);
        roster.add("duel-b", 2);
        roster.add("squad", 6);

        // Weights now 8, 2, 2, 6: phases 1 and 2 take the next duels, lowest first.
        assertThat(roster.add("duel-c", 2)).isEqualTo(1);
        assertThat(roster.add("duel-d", 2)).isEqualTo(2);
        assertThat(roster.add("duel-e", 2)).isEqualTo(1);
        assertThat(roster.weight(1)).isEqualTo(6);
    }

    @Test
    void aPhaseEmptiedByEndedMatchesIsRefilledFirst() {
        for (int m = 0; m < 8; m++) {
            roster.add("m" + m, 8);
        }

        roster.removeAt(3, 0);
        roster.removeAt(3, 0);

        assertThat(roster.size(3)).isZero();
        assertThat(roster.weight(3)).isZero();
        assertThat(roster.add("new", 8)).isEqualTo(3);
    }

    @Test
    void removingMovesThePhasesLastMemberIntoThePlace() {
        for (int m = 0; m < 12; m++) {
            roster.add("m" + m, 1);
        }

        roster.removeAt(1, 0);

        assertThat(members(1)).containsExactly("m9", "m5");
        assertThat(roster.weight(1)).isEqualTo(2);
    }

    @Test
    void phasesGrowPastTheirInitialSize() {
        PhaseRoster<Integer> one = new PhaseRoster<>(1);
        for (int m = 0; m < 100; m++) {
            one.add(m, 1);
        }

        assertThat(one.size(0)).isEqualTo(100);
        assertThat(one.member(0, 99)).isEqualTo(99);
        assertThat(one.weight(0)).isEqualTo(100);
    }
}
