package io.skirmish.game.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.game.match.MatchSpec;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.AllocatedPlayer;
import io.skirmish.protocol.game.v1.MatchAllocation;
import org.junit.jupiter.api.Test;

class AllocationPollerTest {

    private final AllocationPoller poller = new AllocationPoller(null, "gs-1", "19aabbcc00112233", 1, spec -> true);

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
    void dropsAnAllocationMadeForAnEarlierLifeOfThisServerId() {
        assertThat(poller.parse(duel().setGameServerIncarnation("18ffffffdeadbeef").build().toByteArray())).isNull();
    }

    @Test
    void hostsAnAllocationWithoutIncarnationFromAnOlderMatchServer() {
        assertThat(poller.parse(duel().build().toByteArray())).isNotNull();
    }
}
