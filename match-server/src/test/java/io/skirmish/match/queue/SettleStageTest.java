package io.skirmish.match.queue;

import static io.skirmish.match.queue.FormationFixtures.DUEL_EU;
import static io.skirmish.match.queue.FormationFixtures.NOW_MS;
import static io.skirmish.match.queue.FormationFixtures.solo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class SettleStageTest {

    private final InMemoryFormationStore store = new InMemoryFormationStore();
    private final FormationFixtures.InMemoryPlayerIndex index = new FormationFixtures.InMemoryPlayerIndex();
    private final SettleStage stage = new SettleStage(store, index);
    private final Ticket a = solo(DUEL_EU, "a", NOW_MS - 30);
    private final Ticket b = solo(DUEL_EU, "b", NOW_MS - 20);
    private final Allocator.Placement placed = InMemoryAllocations.placement("gs-1", "a=0,b=1");

    @Test
    void commitsTheTicketsWithWhereTheirMatchIs() {
        store.addClaim(DUEL_EU, "m-1", List.of(a, b), NOW_MS + 5_000);

        List<SettleStage.Settled> settled = stage.commit(DUEL_EU, List.of(new SettleStage.Settle("m-1", placed, "eu")));

        assertThat(settled.get(0).tickets()).extracting(TicketStore.Committed::ticketId).containsExactly("t-a", "t-b");
        assertThat(store.matched.get("t-a")).containsEntry("match", "m-1").containsEntry("server", "gs-1")
                .containsEntry("host", "gs-1.test").containsEntry("tcp_port", "7000").containsEntry("udp_port", "7001")
                .containsEntry("slots", "a=0,b=1");
    }

    @Test
    void reportsNoTicketsForAMatchWhoseClaimIsGone() {
        List<SettleStage.Settled> settled = stage.commit(DUEL_EU, List.of(new SettleStage.Settle("m-9", placed, "eu")));

        assertThat(settled.get(0).tickets()).isEmpty();
    }

    @Test
    void freesTheIndexEntriesOfCommittedPlayersOnly() {
        index.enter(a);
        index.enter(b);
        index.ticketOf.put("c", "t-c");
        store.addClaim(DUEL_EU, "m-1", List.of(a, b), NOW_MS + 5_000);

        stage.freeIndex(DUEL_EU, stage.commit(DUEL_EU, List.of(new SettleStage.Settle("m-1", placed, "eu"))));

        assertThat(index.ticketOf).containsOnlyKeys("c");
    }

    @Test
    void remembersTheMatchedTicketOfEachPlayerWhoseEntryIsFreed() {
        store.addClaim(DUEL_EU, "m-1", List.of(a, b), NOW_MS + 5_000);

        stage.freeIndex(DUEL_EU, stage.commit(DUEL_EU, List.of(new SettleStage.Settle("m-1", placed, "eu"))));

        assertThat(index.matchedTicketOf).containsEntry("a", "t-a").containsEntry("b", "t-b");
    }

    @Test
    void freesTheIndexEntriesOfExpiredTickets() {
        index.enter(a);

        stage.freeExpired(DUEL_EU, List.of(new TicketStore.Expired("t-a", List.of("a"), "mm-1", "ttl")));

        assertThat(index.ticketOf).isEmpty();
    }

    @Test
    void keepsAnIndexEntryThatNamesANewerTicket() {
        index.ticketOf.put("a", "t-newer");

        stage.freeExpired(DUEL_EU, List.of(new TicketStore.Expired("t-a", List.of("a"), "mm-1", "ttl")));

        assertThat(index.ticketOf).containsEntry("a", "t-newer");
    }

    @Test
    void readsSlotsAsPlayerToTeam() {
        assertThat(SettleStage.parseSlots("a=0,b=1,bad")).containsExactly(
                java.util.Map.entry("a", 0), java.util.Map.entry("b", 1));
        assertThat(SettleStage.parseSlots("")).isEmpty();
        assertThat(SettleStage.parseSlots(null)).isEmpty();
    }
}
