package io.skirmish.match.queue;

import static io.skirmish.match.queue.FormationFixtures.DUEL_EU;
import static io.skirmish.match.queue.FormationFixtures.INSTANCE;
import static io.skirmish.match.queue.FormationFixtures.NOW_MS;
import static io.skirmish.match.queue.FormationFixtures.solo;
import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.match.rules.QueueMode;
import org.junit.jupiter.api.Test;

class ListStageTest {

    private final InMemoryFormationStore store = new InMemoryFormationStore();
    private final MatchMetrics metrics = FormationFixtures.metrics();

    @Test
    void listsEveryModeInEveryRegion() {
        ListStage list = new ListStage(FormationFixtures.config("eu", "us"), store, metrics);

        assertThat(list.queues()).hasSize(QueueMode.values().length * 2)
                .contains(DUEL_EU, new MatchKeys.Queue(QueueMode.FFA, "us"));
    }

    @Test
    void remembersEachQueuesSizeForRequestThreadsAndTheGauge() {
        ListStage list = new ListStage(FormationFixtures.config("eu"), store, metrics);
        store.add(solo(DUEL_EU, "a", NOW_MS - 10));
        store.add(solo(DUEL_EU, "b", NOW_MS - 5));

        assertThat(list.size(DUEL_EU)).isZero();
        list.list(NOW_MS, 0);

        assertThat(list.size(DUEL_EU)).isEqualTo(2);
        assertThat(metrics.registry().get("match.queue.size").tag("queue", DUEL_EU.name()).gauge().value())
                .isEqualTo(2.0);
    }

    @Test
    void refusesJoinsOnceTheListedBacklogOutrunsTheMatchedCounter() {
        ListStage list = new ListStage(FormationFixtures.config("eu"), store, metrics);
        for (int i = 0; i < 300; i++) {
            store.add(solo(DUEL_EU, "p" + i, NOW_MS - 10));
        }
        list.list(NOW_MS, 0);
        store.matchedCount.put(DUEL_EU, 200L); // 100 tickets a second formed over the next 2 s

        list.list(NOW_MS + 2_000, 2_000_000_000L);

        assertThat(list.admission().expectedWaitMs(DUEL_EU)).isEqualTo(3_000);
        assertThat(list.admission().check(DUEL_EU)).isNotNull();
        assertThat(metrics.registry().get("match.queue.expected.wait").tag("queue", DUEL_EU.name()).gauge().value())
                .isEqualTo(3.0);
    }

    @Test
    void takesFreeLeasesAndSnapshotsTheQueuesItHolds() {
        ListStage list = new ListStage(FormationFixtures.config("eu"), store, metrics);
        store.add(solo(DUEL_EU, "a", NOW_MS - 10));

        ListStage.Listing listing = list.list(NOW_MS, 0);

        TicketStore.Round duel = listing.rounds().stream().filter(r -> r.queue().equals(DUEL_EU)).findFirst().orElseThrow();
        assertThat(duel.held()).isTrue();
        assertThat(duel.snapshot()).extracting(Ticket::id).containsExactly("t-a");
        assertThat(list.heldLeases()).contains(DUEL_EU);
    }

    @Test
    void asksForNoTicketsToOfferAbroadWithASingleRegion() {
        new ListStage(FormationFixtures.config("eu"), store, metrics).list(NOW_MS, 0);

        assertThat(store.lastForeignBeforeMs).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void offersAbroadTicketsOlderThanTheShortestForeignWaitWithSeveralRegions() {
        new ListStage(FormationFixtures.config("eu", "us"), store, metrics).list(NOW_MS, 0);

        assertThat(store.lastForeignBeforeMs).isEqualTo(NOW_MS - 20_000);
    }

    @Test
    void renewsTheOwnerLeaseForOneOwnerLeaseFromNow() {
        new ListStage(FormationFixtures.config("eu"), store, metrics).renewOwnerLeases(NOW_MS);

        assertThat(store.ownerExpiryMs).containsEntry(DUEL_EU, NOW_MS + 10_000);
    }

    @Test
    void releasesEveryLeaseItHoldsOnShutdown() {
        ListStage list = new ListStage(FormationFixtures.config("eu"), store, metrics);
        list.list(NOW_MS, 0);
        assertThat(store.leaseHolder).containsEntry(DUEL_EU, INSTANCE);

        list.releaseLeases();

        assertThat(store.leaseHolder).isEmpty();
    }
}
