package io.skirmish.match.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.skirmish.match.rules.RulesFixtures.party;
import static io.skirmish.match.rules.RulesFixtures.solo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TeamBalancerTest {

    @Test
    void splitsSixSolosIntoTheClosestTeams() {
        List<Candidate> groups = List.of(solo("a", 40, 0), solo("b", 35, 0), solo("c", 30, 0),
                solo("d", 20, 0), solo("e", 15, 0), solo("f", 10, 0));
        TeamBalancer.Balance balance = TeamBalancer.balance(QueueMode.SQUAD, groups);
        // Sum 150: best split is 75/75, e.g. {40,20,15} vs {35,30,10}.
        assertThat(balance.gap()).isCloseTo(0, within(1e-9));
        int[] teams = balance.teams();
        double team0 = 0;
        for (int i = 0; i < groups.size(); i++) {
            team0 += teams[i] == 0 ? groups.get(i).skill().mu() : 0;
        }
        assertThat(team0).isCloseTo(75, within(1e-9));
    }

    @Test
    void neverSplitsAParty() {
        List<Candidate> groups = List.of(party("p", 30, 0, 3), solo("a", 10, 0), solo("b", 20, 0), solo("c", 30, 0));
        TeamBalancer.Balance balance = TeamBalancer.balance(QueueMode.SQUAD, groups);
        int[] teams = balance.teams();
        assertThat(teams[1]).isEqualTo(teams[2]).isEqualTo(teams[3]).isNotEqualTo(teams[0]);
        assertThat(balance.gap()).isCloseTo(10, within(1e-9));
    }

    @Test
    void refusesSizesThatCannotFillTheTeams() {
        assertThat(TeamBalancer.packable(QueueMode.SQUAD, List.of(party("x", 25, 0, 2), party("y", 25, 0, 2),
                party("z", 25, 0, 2)))).isFalse();
        assertThat(TeamBalancer.packable(QueueMode.SQUAD, List.of(party("x", 25, 0, 2), party("y", 25, 0, 2),
                solo("a", 25, 0), solo("b", 25, 0)))).isTrue();
        assertThat(TeamBalancer.balance(QueueMode.DUEL, List.of(solo("a", 1, 0)))).isNull();
    }

    @Test
    void aShortSquadIsTwoBalancedTeamsOfTwo() {
        List<Candidate> groups = List.of(solo("a", 40, 0), solo("b", 30, 0), solo("c", 20, 0), solo("d", 10, 0));
        TeamBalancer.Balance balance = TeamBalancer.balance(QueueMode.SQUAD, groups);
        int[] teams = balance.teams();
        // {40, 10} against {30, 20}: both teams average 25.
        assertThat(teams[0]).isEqualTo(teams[3]).isNotEqualTo(teams[1]);
        assertThat(teams[1]).isEqualTo(teams[2]);
        assertThat(balance.gap()).isCloseTo(0, within(1e-9));
        TeamBalancer.Balance withDuo = TeamBalancer.balance(QueueMode.SQUAD,
                List.of(party("duo", 25, 0, 2), solo("e", 20, 0), solo("f", 30, 0)));
        assertThat(withDuo.teams()[1]).isEqualTo(withDuo.teams()[2]).isNotEqualTo(withDuo.teams()[0]);
    }

    @Test
    void aShortSquadNeverSplitsAPartyNorPlaysUneven() {
        assertThat(TeamBalancer.balance(QueueMode.SQUAD, List.of(party("trio", 25, 0, 3), solo("a", 25, 0))))
                .as("a trio cannot play a 2v2").isNull();
        assertThat(TeamBalancer.balance(QueueMode.SQUAD, List.of(solo("a", 25, 0), solo("b", 25, 0),
                solo("c", 25, 0), solo("d", 25, 0), solo("e", 25, 0)))).as("3v2").isNull();
        assertThat(TeamBalancer.packable(QueueMode.SQUAD, 2, List.of(party("duo", 25, 0, 2), solo("a", 25, 0),
                solo("b", 25, 0)))).isTrue();
        assertThat(TeamBalancer.packable(QueueMode.SQUAD, 2, List.of(party("trio", 25, 0, 3)))).isFalse();
    }

    @Test
    void freeForAllPutsEveryPlayerOnItsOwnTeam() {
        List<Candidate> groups = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            groups.add(solo("p" + i, 20 + i, 0));
        }
        TeamBalancer.Balance balance = TeamBalancer.balance(QueueMode.FFA, groups);
        assertThat(balance.teams()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(balance.gap()).isZero();
    }
}
