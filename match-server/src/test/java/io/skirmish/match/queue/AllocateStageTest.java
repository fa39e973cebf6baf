package io.skirmish.match.queue;

import static io.skirmish.match.queue.FormationFixtures.DUEL_EU;
import static io.skirmish.match.queue.FormationFixtures.INSTANCE;
import static io.skirmish.match.queue.FormationFixtures.NOW_MS;
import static io.skirmish.match.queue.FormationFixtures.duel;
import static io.skirmish.match.queue.FormationFixtures.solo;
import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import org.junit.jupiter.api.Test;

import java.util.List;

class AllocateStageTest {

    private final InMemoryFormationStore store = new InMemoryFormationStore();
    private final InMemoryAllocations servers = new InMemoryAllocations();
    private final MatchMetrics metrics = FormationFixtures.metrics();
    private final ClaimStage claim = new ClaimStage(FormationFixtures.config("eu"), store, metrics,
            FormationFixtures.sequentialIds());
    private final AllocateStage stage = new AllocateStage(servers, store, metrics);

    private List<ClaimStage.Placing> claimedDuels(int count) {
        store.leaseHolder.put(DUEL_EU, INSTANCE);
        List<io.skirmish.match.rules.Proposal> proposals = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Ticket first = solo(DUEL_EU, "p" + i + "a", NOW_MS - 100);
            Ticket second = solo(DUEL_EU, "p" + i + "b", NOW_MS - 50);
            store.add(first);
            store.add(second);
            proposals.add(duel(first, second));
        }
        return claim.claim(DUEL_EU, proposals, NOW_MS);
    }

    @Test
    void placesEveryMatchThatFitsAServer() {
        servers.server("eu", "gs-1", 4);

        AllocateStage.Outcome outcome = stage.allocate(DUEL_EU, claimedDuels(2), NOW_MS);

        assertThat(outcome.allocated()).extracting(a -> a.placement().serverId()).containsExactly("gs-1", "gs-1");
        assertThat(outcome.noServer()).isEmpty();
        assertThat(stage.backingOff(DUEL_EU, NOW_MS)).isFalse();
    }

    @Test
    void givesBackAMatchWithoutServerAndPausesTheQueueForTheBackOff() {
        servers.server("eu", "gs-1", 2);

        AllocateStage.Outcome outcome = stage.allocate(DUEL_EU, claimedDuels(2), NOW_MS);

        assertThat(outcome.allocated()).extracting(a -> a.placing().matchId()).containsExactly("m-1");
        assertThat(outcome.noServer()).extracting(ClaimStage.Placing::matchId).containsExactly("m-2");
        assertThat(store.released).containsExactly("m-2:no_server");
        assertThat(store.waitingIds(DUEL_EU)).containsExactly("t-p1a", "t-p1b");
        assertThat(metrics.count("match.allocations.failed", "region", "eu", "reason", "no_server")).isEqualTo(1.0);
        assertThat(stage.backingOff(DUEL_EU, NOW_MS + AllocateStage.NO_SERVER_BACKOFF_MS - 1)).isTrue();
        assertThat(stage.backingOff(DUEL_EU, NOW_MS + AllocateStage.NO_SERVER_BACKOFF_MS)).isFalse();
    }

    @Test
    void leavesTheClaimsToRecoveryWhenTheAllocationOutcomeIsUnknown() {
        List<ClaimStage.Placing> claimed = claimedDuels(1);
        servers.failure = new IllegalStateException("connection reset");

        AllocateStage.Outcome outcome = stage.allocate(DUEL_EU, claimed, NOW_MS);

        assertThat(outcome.allocated()).isEmpty();
        assertThat(outcome.noServer()).isEmpty();
        assertThat(store.claims.get(DUEL_EU)).containsKey("m-1");
    }

    @Test
    void skipsAMatchThatARecoveryAbortedMeanwhile() {
        servers.server("eu", "gs-1", 8);
        List<ClaimStage.Placing> claimed = claimedDuels(1);
        servers.abortIfUnallocated("m-1");

        AllocateStage.Outcome outcome = stage.allocate(DUEL_EU, claimed, NOW_MS);

        assertThat(outcome.allocated()).isEmpty();
        assertThat(outcome.noServer()).isEmpty();
    }

    @Test
    void asksForTheMatchWithTeamsFromOneAndItsSlotsFromZero() {
        servers.server("eu", "gs-1", 8);

        stage.allocate(DUEL_EU, claimedDuels(1), NOW_MS);

        MatchAllocation allocation = servers.requests.get(0).allocation();
        assertThat(allocation.getMatchId()).isEqualTo("m-1");
        assertThat(allocation.getAllocatedAtMs()).isEqualTo(NOW_MS);
        assertThat(allocation.getPlayersList()).extracting(AllocatedPlayer::getPlayerId, AllocatedPlayer::getTeam)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p0a", 1), org.assertj.core.groups.Tuple.tuple("p0b", 2));
        assertThat(servers.requests.get(0).slots()).isEqualTo("p0a=0,p0b=1");
    }
}
