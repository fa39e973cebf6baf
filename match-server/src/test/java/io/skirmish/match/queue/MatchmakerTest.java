package io.skirmish.match.queue;

import static io.skirmish.match.queue.FormationFixtures.DUEL_EU;
import static io.skirmish.match.queue.FormationFixtures.INSTANCE;
import static io.skirmish.match.queue.FormationFixtures.NOW_MS;
import static io.skirmish.match.queue.FormationFixtures.solo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.ServerMessage;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

class MatchmakerTest {

    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final CachedEpochClock epochClock = new CachedEpochClock();
    private final CachedNanoClock nanoClock = new CachedNanoClock();
    private final InMemoryFormationStore store = new InMemoryFormationStore();
    private final InMemoryAllocations servers = new InMemoryAllocations();
    private final FormationFixtures.InMemoryPlayerIndex index = new FormationFixtures.InMemoryPlayerIndex();
    private final FormationFixtures.RecordedPushes pushes = new FormationFixtures.RecordedPushes();
    private final FormationFixtures.RecordedEvents events = new FormationFixtures.RecordedEvents();
    private final MatchMetrics metrics = FormationFixtures.metrics();
    private final ExecutorService placement = Executors.newSingleThreadExecutor();
    private final Matchmaker matchmaker;

    MatchmakerTest() {
        epochClock.update(NOW_MS);
        nanoClock.update(1_000_000_000L);
        matchmaker = new Matchmaker(FormationFixtures.config("eu"),
                new MatchmakerPorts(store, servers, index, pushes, events), FormationFixtures.issuer(), metrics,
                epochClock, nanoClock, placement);
    }

    @AfterEach
    void stopPlacement() {
        placement.shutdownNow();
    }

    private void queue(Ticket... tickets) {
        for (Ticket ticket : tickets) {
            store.add(ticket);
            index.enter(ticket);
        }
    }

    private List<QueueState> statesPushedTo(String player) {
        return pushes.sent.stream().filter(p -> p.playerId().equals(player)).map(Pushes.Push::message)
                .filter(ServerMessage::hasQueueUpdate).map(m -> m.getQueueUpdate().getState()).toList();
    }

    @Test
    void runsTheFirstRoundAtOnceAndTheNextOneIntervalAfterIt() {
        assertThat(matchmaker.doWork()).isEqualTo(1);
        assertThat(matchmaker.doWork()).isZero();

        nanoClock.advance(INTERVAL_NS - 1);
        assertThat(matchmaker.doWork()).isZero();
        nanoClock.advance(1);
        assertThat(matchmaker.doWork()).isEqualTo(1);
    }

    @Test
    void placesTwoQueuedPlayersAsOneMatchThroughEveryStage() {
        servers.server("eu", "gs-1", 8);
        queue(solo(DUEL_EU, "a", NOW_MS - 2_000), solo(DUEL_EU, "b", NOW_MS - 1_000));

        assertThat(matchmaker.doWork()).isEqualTo(2);

        assertThat(store.matched).containsOnlyKeys("t-a", "t-b");
        assertThat(store.matched.get("t-a")).containsEntry("server", "gs-1");
        assertThat(pushes.sent).extracting(Pushes.Push::playerId).containsExactlyInAnyOrder("a", "b");
        assertThat(pushes.sent).allSatisfy(push -> assertThat(push.message().hasMatchFound()).isTrue());
        assertThat(index.ticketOf).isEmpty();
        assertThat(events.json).singleElement().asString().contains("match_formed");
        assertThat(matchmaker.size(DUEL_EU)).isEqualTo(2); // as listed at the start of the round
    }

    @Test
    void tellsPlayersTheyWaitForAServerAndLeavesTheirTicketsQueued() {
        queue(solo(DUEL_EU, "a", NOW_MS - 2_000), solo(DUEL_EU, "b", NOW_MS - 1_000));

        matchmaker.doWork();

        assertThat(statesPushedTo("a")).containsExactly(QueueState.QUEUE_STATE_WAITING_FOR_SERVER);
        assertThat(store.waitingIds(DUEL_EU)).containsExactly("t-a", "t-b");
        assertThat(index.ticketOf).containsOnlyKeys("a", "b");
    }

    @Test
    void startsTheNextRoundAtOnceWhileABacklogIsLeft() {
        servers.server("eu", "gs-1", 10_000);
        for (int i = 0; i < 2 * FormStage.MAX_PLACEMENTS_PER_ROUND + 2; i++) {
            queue(solo(DUEL_EU, "p" + i, NOW_MS - 1_000));
        }

        assertThat(matchmaker.doWork()).isEqualTo(1 + FormStage.MAX_PLACEMENTS_PER_ROUND);
        assertThat(matchmaker.backlog()).isTrue();
        assertThat(matchmaker.doWork()).isEqualTo(1 + 1);
        assertThat(matchmaker.backlog()).isFalse();
        assertThat(matchmaker.doWork()).isZero();
    }

    @Test
    void measuresEachQueuesFormationOnTheNanoClock() {
        servers.server("eu", "gs-1", 8);
        queue(solo(DUEL_EU, "a", NOW_MS - 2_000), solo(DUEL_EU, "b", NOW_MS - 1_000));
        store.duringCommit = () -> nanoClock.advance(TimeUnit.MILLISECONDS.toNanos(7));

        matchmaker.doWork();

        assertThat(metrics.registry().get("match.formation.duration").tag("queue", DUEL_EU.name()).timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
    }

    @Test
    void settlesAnOverdueClaimOfADeadHolderTheWayItsAllocationWent() {
        Ticket a = solo(DUEL_EU, "a", NOW_MS - 9_000);
        Ticket b = solo(DUEL_EU, "b", NOW_MS - 9_000);
        Ticket c = solo(DUEL_EU, "c", NOW_MS - 9_000);
        index.enter(a);
        index.enter(b);
        store.addClaim(DUEL_EU, "m-allocated", List.of(a, b), NOW_MS - 1);
        servers.fates.put("m-allocated", InMemoryAllocations.placement("gs-1", "a=0,b=1"));
        store.addClaim(DUEL_EU, "m-unplaced", List.of(c), NOW_MS - 1);

        matchmaker.doWork();

        assertThat(store.matched).containsOnlyKeys("t-a", "t-b");
        assertThat(pushes.players()).containsExactlyInAnyOrder("a", "b");
        assertThat(index.ticketOf).isEmpty();
        assertThat(store.released).containsExactly("m-unplaced:recovered");
        assertThat(store.waitingIds(DUEL_EU)).containsExactly("t-c");
        assertThat(metrics.count("match.claims.recovered", "queue", DUEL_EU.name(), "result", "aborted")).isEqualTo(1.0);
    }

    @Test
    void expiresATicketPastItsLifetimeAndTellsItsLeader() {
        queue(solo(DUEL_EU, "a", NOW_MS - FormationFixtures.config("eu").ticketTtl().toMillis()));

        matchmaker.doWork();

        assertThat(store.waitingIds(DUEL_EU)).isEmpty();
        assertThat(index.ticketOf).isEmpty();
        assertThat(statesPushedTo("a")).containsExactly(QueueState.QUEUE_STATE_NOT_QUEUED);
    }

    @Test
    void retriesAFailedRoundAfterTheIntervalRatherThanInASpin() {
        store.roundFailure = new IllegalStateException("redis down");

        assertThatThrownBy(matchmaker::doWork).hasMessageContaining("redis down");
        assertThat(matchmaker.doWork()).isZero();

        store.roundFailure = null;
        nanoClock.advance(INTERVAL_NS);
        assertThat(matchmaker.doWork()).isEqualTo(1);
    }

    @Test
    void renewsOwnerLeasesFromTheEpochClock() {
        epochClock.advance(5_000);

        matchmaker.renewOwnerLeases();

        assertThat(store.ownerExpiryMs).containsEntry(DUEL_EU, NOW_MS + 5_000 + 10_000);
    }

    @Test
    void holdsTheLeaseOfEveryQueueItFormsAlone() {
        matchmaker.doWork();

        assertThat(matchmaker.heldLeases()).containsExactlyInAnyOrderElementsOf(matchmaker.queues());
        assertThat(store.leaseHolder).containsEntry(DUEL_EU, INSTANCE);
    }
}
