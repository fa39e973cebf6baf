package io.skirmish.game.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.skirmish.game.match.MatchSpec;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import org.junit.jupiter.api.Test;

class AllocationPollerTest {

    private final List<String> refused = new ArrayList<>();
    private final AllocationPoller poller = new AllocationPoller(null, "gs-1", "19aabbcc00112233", 1, spec -> true,
            (matchId, reason) -> refused.add(matchId + " " + reason));

    private static MatchAllocation.Builder duel() {
        return MatchAllocation.newBuilder().setMatchId("m-1").setMode(GameMode.GAME_MODE_DUEL).setRegion("eu")
                .addPlayers(AllocatedPlayer.newBuilder().setPlayerId("a").setTeam(1))
                .addPlayers(AllocatedPlayer.newBuilder().setPlayerId("b").setTeam(2)).setGameServerId("gs-1");
    }

    @Test
    void hostsAnAllocationForThisIncarnation() {
        MatchSpec spec = poller.parse(duel().setGameServerIncarnation("19aabbcc00112233").build().toByteArray());

        assertThat(spec).isNotNull();
        assertThat(spec.matchId()).isEqualTo("m-1");
    }

    @Test
    void dropsAnAllocationMadeForAnEarlierLifeOfThisServerIdWithoutHandingItBack() {
        assertThat(poller.parse(duel().setGameServerIncarnation("18ffffffdeadbeef").build().toByteArray())).isNull();
        assertThat(refused).as("the lost-server sweep of that life aborts it").isEmpty();
    }

    @Test
    void handsBackAnInvalidAllocationOfThisIncarnationSoItsPlayersAreRequeued() {
        byte[] twice = duel().setGameServerIncarnation("19aabbcc00112233")
                .addPlayers(AllocatedPlayer.newBuilder().setPlayerId("a").setTeam(2)).build().toByteArray();

        assertThat(poller.parse(twice)).isNull();

        assertThat(refused).containsExactly("m-1 invalid_allocation");
    }

    @Test
    void hostsAnAllocationWithoutIncarnationFromAnOlderMatchServer() {
        assertThat(poller.parse(duel().build().toByteArray())).isNotNull();
    }
}
