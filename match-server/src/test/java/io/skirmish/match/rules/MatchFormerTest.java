package io.skirmish.match.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.skirmish.match.rules.RulesFixtures.inRegion;
import static io.skirmish.match.rules.RulesFixtures.party;
import static io.skirmish.match.rules.RulesFixtures.solo;
import static org.assertj.core.api.Assertions.assertThat;

class MatchFormerTest {

    private static final long T0 = 1_700_000_000_000L;
    private final FormationRules rules = new FormationRules(Widening.parse("3:1:25"), Widening.parse("60:5:150"),
            20_000);

    @Test
    void waitsUntilTheWindowCoversTheOpponent() {
        MatchFormer former = new MatchFormer(QueueMode.DUEL, rules);
        List<Candidate> pool = List.of(solo("a", 25, T0), solo("b", 33, T0));
        // Gap 8: the window is 3 at first, reaches 8 after 5 s of waiting.
        assertThat(former.form("eu", pool, T0)).isEmpty();
        assertThat(former.form("eu", pool, T0 + 4_999)).isEmpty();
        List<Proposal> matched = former.form("eu", pool, T0 + 5_000);
        assertThat(matched).hasSize(1);
        assertThat(matched.get(0).skillWindow()).isEqualTo(8.0);
        assertThat(matched.get(0).oldestWaitMs()).isEqualTo(5_000);
    }

    @Test
    void aSecondSlopeBoundsTheWaitOfAFarOpponentAndKeepsTheFirstSecondTight() {
        FormationRules twoSlopes = new FormationRules(Widening.parse("3:1:25:1000:6"), Widening.parse("60:5:150"),
                20_000);
        MatchFormer former = new MatchFormer(QueueMode.DUEL, twoSlopes);
        List<Candidate> far = List.of(solo("a", 25, T0), solo("b", 33, T0));
        // Gap 8: 4 at 1 s, then 6 a second: 8 after 1,667 ms instead of 5 s with one slope.
        long nowMs = T0;
        while (former.form("eu", far, nowMs).isEmpty()) {
            nowMs += 250; // one formation round
        }
        assertThat(nowMs - T0).isEqualTo(1_750);
        // Within the first second nothing changed: a gap of 3.5 still waits until 500 ms.
        List<Candidate> near = List.of(solo("c", 25, T0), solo("d", 28.5, T0));
        assertThat(former.form("eu", near, T0 + 499)).isEmpty();
        assertThat(former.form("eu", near, T0 + 500)).hasSize(1);
    }

    @Test
    void theWindowStopsWideningAtTheCap() {
        MatchFormer former = new MatchFormer(QueueMode.DUEL, rules);
        List<Candidate> pool = List.of(solo("a", 0, T0), solo("b", 26, T0));
        assertThat(former.form("eu", pool, T0 + 3_600_000)).isEmpty();
    }

    @Test
    void picksTheNearestOpponentAndTheOldestAnchorFirst() {
        MatchFormer former = new MatchFormer(QueueMode.DUEL, rules);
        List<Candidate> pool = List.of(solo("new", 26, T0 + 1_000), solo("old", 25, T0), solo("near", 25.5, T0 + 500),
                solo("far", 27.9, T0 + 100));
        List<Proposal> matched = former.form("eu", pool, T0 + 1_000);
        assertThat(matched).hasSize(2);
        assertThat(ids(matched.get(0))).containsExactlyInAnyOrder("old", "near");
        assertThat(ids(matched.get(1))).containsExactlyInAnyOrder("far", "new");
    }

    @Test
    void squadKeepsPartiesWholeAndBalancesTeams() {
        MatchFormer former = new MatchFormer(QueueMode.SQUAD, rules);
        List<Candidate> pool = List.of(party("trio", 26, T0, 3), party("duo", 24, T0, 2), solo("s1", 25, T0),
                solo("s2", 25.5, T0), solo("s3", 24.5, T0));
        List<Proposal> matched = former.form("eu", pool, T0 + 10_000);
        assertThat(matched).hasSize(1);
        Proposal proposal = matched.get(0);
        List<Proposal.Slot> slots = proposal.slots();
        assertThat(slots).hasSize(6);
        // The trio fills one team; the duo plus one solo the other.
        Map<String, Integer> teamOf = new java.util.HashMap<>();
        slots.forEach(slot -> teamOf.put(slot.playerId(), slot.team()));
        assertThat(teamOf.get("trio-0")).isEqualTo(teamOf.get("trio-1")).isEqualTo(teamOf.get("trio-2"));
        assertThat(teamOf.get("duo-0")).isEqualTo(teamOf.get("duo-1")).isNotEqualTo(teamOf.get("trio-0"));
        // Team slots in order: team 0 first.
        assertThat(slots.get(0).team()).isZero();
        assertThat(slots.get(5).team()).isOne();
        assertThat(proposal.quality()).isBetween(0.0, 1.0);
    }

    @Test
    void qualityIsHigherForCloserSkills() {
        MatchFormer former = new MatchFormer(QueueMode.DUEL, rules);
        double close = former.form("eu", List.of(solo("a", 25, T0), solo("b", 25.5, T0)), T0).get(0).quality();
        double far = former.form("eu", List.of(solo("a", 25, T0), solo("b", 34, T0)), T0 + 10_000).get(0).quality();
        double equal = former.form("eu", List.of(solo("a", 25, T0), solo("b", 25, T0)), T0).get(0).quality();
        assertThat(equal).isEqualTo(1.0);
        assertThat(close).isLessThan(equal).isGreaterThan(far);
    }

    @Test
    void foreignTicketsJoinOnlyAfterWaitingAndWithinTheRttLimit() {
        MatchFormer former = new MatchFormer(QueueMode.DUEL, rules);
        Candidate local = inRegion("local", "eu", 25, T0, Map.of());
        Candidate visitor = inRegion("visitor", "us", 25, T0, Map.of("eu", 90));
        List<Candidate> pool = List.of(local, visitor);
        // Offered abroad after 20 s at 60 ms, +5 ms/s: 90 ms is within the limit from 26 s on.
        assertThat(former.form("eu", pool, T0 + 19_999)).isEmpty();
        assertThat(former.form("eu", pool, T0 + 25_999)).isEmpty();
        assertThat(former.form("eu", pool, T0 + 26_000)).hasSize(1);
        Candidate unmeasured = inRegion("blind", "us", 25, T0, Map.of());
        assertThat(former.form("eu", List.of(local, unmeasured), T0 + 600_000)).isEmpty();
    }

    @Test
    void noTicketIsPlacedTwiceAndEveryMatchHasEvenTeams() {
        Random random = new Random(42);
        MatchFormer former = new MatchFormer(QueueMode.SQUAD, rules);
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int size = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
            pool.add(party("t" + i, 25 + random.nextGaussian() * 8, T0 + random.nextInt(30_000), size));
        }
        List<Proposal> matched = former.form("eu", pool, T0 + 30_000);
        assertThat(matched).isNotEmpty();
        Set<String> seen = new HashSet<>();
        for (Proposal proposal : matched) {
            // Tickets waited up to 30 s, so a squad left over may play 2v2; never uneven.
            assertThat(proposal.slots().size()).isIn(4, 6);
            assertThat(proposal.slots().stream().filter(slot -> slot.team() == 0).count() * 2)
                    .isEqualTo(proposal.slots().size());
            for (Candidate group : proposal.groups()) {
                assertThat(seen.add(group.ticketId())).as("ticket %s placed twice", group.ticketId()).isTrue();
            }
            double anchorMu = proposal.groups().get(0).skill().mu();
            for (Candidate group : proposal.groups()) {
                assertThat(Math.abs(group.skill().mu() - anchorMu)).isLessThanOrEqualTo(proposal.skillWindow());
            }
        }
    }

    @Test
    void aRoundStopsAtItsLimitWithTheOldestAnchorsPlaced() {
        MatchFormer former = new MatchFormer(QueueMode.DUEL, rules);
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            pool.add(solo("t" + i, 25, T0 + i)); // all the same skill: every pair may play
        }
        List<Proposal> limited = former.form("eu", pool, T0 + 10_000, 10);
        List<Proposal> all = former.form("eu", pool, T0 + 10_000);

        assertThat(all).hasSize(1_000);
        assertThat(limited).hasSize(10);
        assertThat(limited.get(0).groups()).extracting(Candidate::ticketId).contains("t0");
        assertThat(limited).extracting(Proposal::oldestWaitMs).allSatisfy(wait -> assertThat(wait).isGreaterThan(9_900));
    }

    @Test
    void freeForAllNeedsEightPlayers() {
        MatchFormer former = new MatchFormer(QueueMode.FFA, rules);
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pool.add(solo("p" + i, 25, T0));
        }
        assertThat(former.form("eu", pool, T0)).isEmpty();
        pool.add(solo("p7", 25, T0));
        assertThat(former.form("eu", pool, T0)).singleElement().satisfies(p -> assertThat(p.slots()).hasSize(8));
    }

    @Test
    void aFreeForAllLobbyThatCannotFillStartsShortAfterABoundedWait() {
        MatchFormer former = new MatchFormer(QueueMode.FFA, rules);
        List<Candidate> pool = List.of(solo("p0", 25, T0), solo("p1", 25.5, T0 + 200), solo("p2", 24.5, T0 + 400));
        // Default fill 1000:250: 8 needed before 1 s, then one fewer every 250 ms; 3 from 2 s.
        assertThat(former.form("eu", pool, T0 + 999)).isEmpty();
        assertThat(former.form("eu", pool, T0 + 1_999)).isEmpty();
        Proposal short3 = former.form("eu", pool, T0 + 2_000).get(0);
        assertThat(short3.slots()).extracting(Proposal.Slot::playerId).containsExactlyInAnyOrder("p0", "p1", "p2");
        assertThat(short3.slots()).extracting(Proposal.Slot::team).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(short3.oldestWaitMs()).isEqualTo(2_000);

        List<Candidate> two = List.of(solo("a", 25, T0), solo("b", 26, T0 + 2_000));
        assertThat(former.form("eu", two, T0 + 2_249)).isEmpty();
        assertThat(former.form("eu", two, T0 + 2_250)).singleElement()
                .satisfies(p -> assertThat(p.slots()).hasSize(2));
        assertThat(former.form("eu", List.of(solo("alone", 25, T0)), T0 + 600_000)).isEmpty();
    }

    @Test
    void aShortLobbyStillTakesEveryoneInTheWindowUpToEight() {
        MatchFormer former = new MatchFormer(QueueMode.FFA, rules);
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pool.add(solo("p" + i, 25 + i * 0.1, T0));
        }
        pool.add(solo("far", 40, T0));
        // After 3 s the window is 6 mu: the five near players start together, "far" is left out.
        assertThat(former.form("eu", pool, T0 + 3_000)).singleElement().satisfies(p -> {
            assertThat(p.slots()).hasSize(5);
            assertThat(ids(p)).doesNotContain("far");
        });
    }

    @Test
    void aDuelNeverStartsShort() {
        assertThat(new MatchFormer(QueueMode.DUEL, rules).form("eu", List.of(solo("d", 25, T0)), T0 + 600_000)).isEmpty();
    }

    @Test
    void aSquadThatCannotFillPlaysTwoAgainstTwoAfterTheBoundedWait() {
        MatchFormer former = new MatchFormer(QueueMode.SQUAD, rules);
        List<Candidate> four = List.of(solo("a", 25, T0), solo("b", 26, T0 + 100), solo("c", 24, T0 + 200),
                solo("d", 25, T0 + 300));
        // Default fill 1000:250: 6 before 1.25 s (5 would be 3v2), then 4.
        assertThat(former.form("eu", four, T0 + 1_249)).isEmpty();
        Proposal twoOnTwo = former.form("eu", four, T0 + 1_250).get(0);
        assertThat(twoOnTwo.slots()).extracting(Proposal.Slot::team).containsExactly(0, 0, 1, 1);
        assertThat(twoOnTwo.slots()).extracting(Proposal.Slot::playerId)
                .containsExactlyInAnyOrder("a", "b", "c", "d");
        // {26, 24} against {25, 25}: even teams.
        assertThat(twoOnTwo.quality()).isGreaterThan(0.5);
        assertThat(former.form("eu", List.of(solo("x", 25, T0), solo("y", 25, T0), solo("z", 25, T0)), T0 + 600_000))
                .as("three players make no even teams").isEmpty();
    }

    @Test
    void aSquadPrefersAFullMatchToAShortOne() {
        MatchFormer former = new MatchFormer(QueueMode.SQUAD, rules);
        List<Candidate> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(solo("s" + i, 25 + i * 0.1, T0 + i));
        }
        assertThat(former.form("eu", six, T0 + 60_000)).singleElement().satisfies(p -> assertThat(p.slots()).hasSize(6));
    }

    @Test
    void fiveSquadPlayersMakeATwoAgainstTwoOfTheFourNearestTheOldest() {
        MatchFormer former = new MatchFormer(QueueMode.SQUAD, rules);
        List<Candidate> five = List.of(solo("anchor", 25, T0), solo("n1", 25.2, T0 + 10), solo("n2", 24.8, T0 + 20),
                solo("n3", 25.4, T0 + 30), solo("far", 27.5, T0 + 40));
        assertThat(former.form("eu", five, T0 + 2_000)).singleElement().satisfies(p -> {
            assertThat(p.slots()).hasSize(4);
            assertThat(ids(p)).containsExactlyInAnyOrder("anchor", "n1", "n2", "n3");
        });
    }

    @Test
    void aShortSquadKeepsAPartyOnOneTeamAndNeverSplitsATrio() {
        MatchFormer former = new MatchFormer(QueueMode.SQUAD, rules);
        List<Candidate> duoAndTwo = List.of(party("duo", 25, T0, 2), solo("a", 24, T0), solo("b", 26, T0));
        Proposal proposal = former.form("eu", duoAndTwo, T0 + 1_250).get(0);
        Map<String, Integer> teamOf = new java.util.HashMap<>();
        proposal.slots().forEach(slot -> teamOf.put(slot.playerId(), slot.team()));
        assertThat(teamOf.get("duo-0")).isEqualTo(teamOf.get("duo-1")).isNotEqualTo(teamOf.get("a"));
        assertThat(teamOf.get("a")).isEqualTo(teamOf.get("b"));

        // A trio and two solos: 3v2 is not even and a trio cannot play 2v2, so nothing forms.
        List<Candidate> trioAndTwo = List.of(party("trio", 25, T0, 3), solo("c", 25, T0), solo("d", 25, T0));
        assertThat(former.form("eu", trioAndTwo, T0 + 600_000)).isEmpty();
        // A trio and two duos (7, no 3v3 without splitting a duo): the duos play 2v2, the trio waits.
        List<Candidate> trioAndDuos = List.of(party("trio", 25, T0, 3), party("d1", 25, T0 + 1, 2),
                party("d2", 25, T0 + 2, 2));
        assertThat(former.form("eu", trioAndDuos, T0 + 2_000)).singleElement()
                .satisfies(p -> assertThat(ids(p)).containsExactlyInAnyOrder("d1", "d2"));
    }

    private static List<String> ids(Proposal proposal) {
        return proposal.groups().stream().map(Candidate::ticketId).toList();
    }
}
