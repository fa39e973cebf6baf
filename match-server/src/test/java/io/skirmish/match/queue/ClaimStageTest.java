package io.skirmish.match.queue;

import static io.skirmish.match.queue.FormationFixtures.DUEL_EU;
import static io.skirmish.match.queue.FormationFixtures.DUEL_US;
import static io.skirmish.match.queue.FormationFixtures.INSTANCE;
import static io.skirmish.match.queue.FormationFixtures.NOW_MS;
import static io.skirmish.match.queue.FormationFixtures.duel;
import static io.skirmish.match.queue.FormationFixtures.solo;
import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.match.rules.Candidate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class ClaimStageTest {

    private final InMemoryFormationStore store = new InMemoryFormationStore();
    private final MatchMetrics metrics = FormationFixtures.metrics();
    private final ClaimStage stage = new ClaimStage(FormationFixtures.config("eu", "us"), store, metrics,
            FormationFixtures.sequentialIds());
    private final Ticket a = solo(DUEL_EU, "a", NOW_MS - 30);
    private final Ticket b = solo(DUEL_EU, "b", NOW_MS - 20);
    private final Ticket c = solo(DUEL_EU, "c", NOW_MS - 10);
    private final Ticket d = solo(DUEL_EU, "d", NOW_MS);

    private void queue(Ticket... tickets) {
        for (Ticket ticket : tickets) {
            store.add(ticket);
        }
        store.leaseHolder.put(DUEL_EU, INSTANCE);
    }

    @Test
    void claimsEveryTicketOfEveryProposalUnderOneMatchIdEach() {
        queue(a, b, c, d);

        List<ClaimStage.Placing> claimed = stage.claim(DUEL_EU, List.of(duel(a, b), duel(c, d)), NOW_MS);

        assertThat(claimed).extracting(ClaimStage.Placing::matchId).containsExactly("m-1", "m-2");
        assertThat(claimed.get(0).parts()).isEqualTo(Map.of(DUEL_EU, List.of("t-a", "t-b")));
        assertThat(store.waitingIds(DUEL_EU)).isEmpty();
        assertThat(store.claims.get(DUEL_EU).get("m-1").deadlineMs()).isEqualTo(NOW_MS + 5_000);
    }

    @Test
    void claimsNothingWhenAnotherInstanceHoldsTheLease() {
        queue(a, b);
        store.leaseHolder.put(DUEL_EU, "mm-2");

        assertThat(stage.claim(DUEL_EU, List.of(duel(a, b)), NOW_MS)).isEmpty();
        assertThat(store.waitingIds(DUEL_EU)).containsExactly("t-a", "t-b");
    }

    @Test
    void dropsAMatchThatLostATicketAndCountsTheLoss() {
        queue(a, c, d); // b was cancelled since the snapshot

        List<ClaimStage.Placing> claimed = stage.claim(DUEL_EU, List.of(duel(a, b), duel(c, d)), NOW_MS);

        assertThat(claimed).extracting(ClaimStage.Placing::matchId).containsExactly("m-2");
        assertThat(store.waitingIds(DUEL_EU)).containsExactly("t-a");
        assertThat(metrics.count("match.claims.lost", "queue", DUEL_EU.name())).isEqualTo(1.0);
    }

    @Test
    void givesBackTheClaimedHomePartOfAMatchThatLostItsPartAbroad() {
        queue(a);
        Ticket abroad = solo(DUEL_US, "x", NOW_MS - 60_000); // offered to eu, but taken in us meanwhile
        Candidate home = a.candidate();

        List<ClaimStage.Placing> claimed = stage.claim(DUEL_EU,
                List.of(FormationFixtures.proposal(DUEL_EU, home, abroad.candidate())), NOW_MS);

        assertThat(claimed).isEmpty();
        assertThat(store.waitingIds(DUEL_EU)).containsExactly("t-a");
        assertThat(store.released).containsExactly("m-1:race");
    }

    @Test
    void claimsATicketAbroadWithoutCheckingThatQueuesLease() {
        queue(a);
        Ticket abroad = solo(DUEL_US, "x", NOW_MS - 60_000);
        store.add(abroad);
        store.leaseHolder.put(DUEL_US, "mm-2");

        List<ClaimStage.Placing> claimed = stage.claim(DUEL_EU,
                List.of(FormationFixtures.proposal(DUEL_EU, a.candidate(), abroad.candidate())), NOW_MS);

        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).parts()).containsOnlyKeys(DUEL_EU, DUEL_US);
        assertThat(store.waitingIds(DUEL_US)).isEmpty();
    }
}
