package io.skirmish.match.queue;

import static io.skirmish.match.queue.FormationFixtures.DUEL_EU;
import static io.skirmish.match.queue.FormationFixtures.NOW_MS;
import static io.skirmish.match.queue.FormationFixtures.duel;
import static io.skirmish.match.queue.FormationFixtures.solo;
import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.protocol.token.ConnectTokenClaims;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

class NotifyStageTest {

    private final FormationFixtures.RecordedPushes pushes = new FormationFixtures.RecordedPushes();
    private final FormationFixtures.RecordedEvents events = new FormationFixtures.RecordedEvents();
    private final MatchMetrics metrics = FormationFixtures.metrics();
    private final NotifyStage stage = new NotifyStage(FormationFixtures.config("eu"), FormationFixtures.issuer(), pushes,
            events, metrics, queue -> 42);
    private final Ticket a = solo(DUEL_EU, "a", NOW_MS - 3_000);
    private final Ticket b = solo(DUEL_EU, "b", NOW_MS - 1_000);
    private final Allocator.Placement placed = InMemoryAllocations.placement("gs-1", "a=0,b=1");

    private SettleStage.Settled settled(TicketStore.Committed... tickets) {
        return new SettleStage.Settled(new SettleStage.Settle("m-1", placed, "eu"), List.of(tickets));
    }

    @Test
    void sendsEveryMatchedPlayerItsMatchFoundInOneBatch() {
        stage.matchesFound(DUEL_EU, List.of(settled(new TicketStore.Committed("t-a", List.of("a")),
                new TicketStore.Committed("t-b", List.of("b")))));

        assertThat(pushes.batches).containsExactly(2);
        assertThat(pushes.players()).containsExactly("a", "b");
        MatchFound found = pushes.sent.get(1).message().getMatchFound();
        assertThat(found.getMatchId()).isEqualTo("m-1");
        assertThat(found.getHost()).isEqualTo("gs-1.test");
        assertThat(found.getTcpPort()).isEqualTo(7000);
        assertThat(found.getUdpPort()).isEqualTo(7001);
        assertThat(found.getTeam()).isEqualTo(2);
        assertThat(found.getRegion()).isEqualTo("eu");
    }

    @Test
    void signsAConnectTokenTheChosenGameServerAccepts() throws Exception {
        stage.matchesFound(DUEL_EU, List.of(settled(new TicketStore.Committed("t-a", List.of("a")))));

        MatchFound found = pushes.sent.get(0).message().getMatchFound();
        ConnectTokenClaims claims = new ConnectTokenVerifier(FormationFixtures.KEYS,
                InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)), "gs-1").verify(found.getConnectToken().toByteArray(), "m-1");
        assertThat(claims.playerId()).isEqualTo("a");
        assertThat(claims.team()).isEqualTo(1);
    }

    @Test
    void skipsAPlayerWithoutASlotInTheMatch() {
        stage.matchesFound(DUEL_EU, List.of(settled(new TicketStore.Committed("t-z", List.of("z")))));

        assertThat(pushes.sent).isEmpty();
    }

    @Test
    void tellsEachLeaderThatItsMatchWaitsForAServer() {
        ClaimStage.Placing placing = new ClaimStage.Placing(duel(a, b), "m-1", Map.of(DUEL_EU, List.of("t-a", "t-b")));

        stage.waitingForServer(DUEL_EU, List.of(placing), NOW_MS);

        assertThat(pushes.players()).containsExactly("a", "b");
        QueueUpdate update = pushes.sent.get(0).message().getQueueUpdate();
        assertThat(update.getState()).isEqualTo(QueueState.QUEUE_STATE_WAITING_FOR_SERVER);
        assertThat(update.getReason()).isEqualTo(ErrorCode.ERROR_CODE_NO_SERVER_AVAILABLE);
        assertThat(update.getWaitedMs()).isEqualTo(3_000);
        assertThat(update.getQueueSize()).isEqualTo(42);
    }

    @Test
    void tellsTheLeaderOfAnExpiredTicketItIsNoLongerQueued() {
        stage.expired(DUEL_EU, List.of(new TicketStore.Expired("t-a", List.of("a", "a2"), "mm-1", "ttl"),
                new TicketStore.Expired("t-x", List.of(), "mm-1", "owner_gone")));

        assertThat(pushes.players()).containsExactly("a");
        assertThat(pushes.sent.get(0).message().getQueueUpdate().getState()).isEqualTo(QueueState.QUEUE_STATE_NOT_QUEUED);
        assertThat(metrics.count("match.tickets", "queue", DUEL_EU.name(), "outcome", "expired")).isEqualTo(2.0);
    }

    @Test
    void recordsAFormedMatchAsMetricsAndOneEvent() {
        ClaimStage.Placing placing = new ClaimStage.Placing(duel(a, b), "m-1", Map.of(DUEL_EU, List.of("t-a", "t-b")));

        stage.formed(new AllocateStage.Allocated(placing, placed), NOW_MS);

        assertThat(metrics.count("match.matches", "queue", DUEL_EU.name())).isEqualTo(1.0);
        assertThat(metrics.count("match.tickets", "queue", DUEL_EU.name(), "outcome", "matched")).isEqualTo(2.0);
        assertThat(metrics.registry().get("match.wait").tag("queue", DUEL_EU.name()).timer().count()).isEqualTo(2);
        assertThat(events.json).singleElement().asString().contains("\"type\":\"match_formed\"")
                .contains("\"match_id\":\"m-1\"").contains("\"server_id\":\"gs-1\"").contains("\"players_count\":2");
    }
}
