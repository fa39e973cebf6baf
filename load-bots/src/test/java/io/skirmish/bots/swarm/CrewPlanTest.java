package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.skirmish.protocol.common.v1.GameMode;
import org.junit.jupiter.api.Test;

class CrewPlanTest {

    private static List<CrewPlan.PlannedCrew> plan(int bots, double partyShare, long seed) {
        return CrewPlan.plan(bots, ModeMix.parse("duel=40,squad=40,ffa=20"), new BotShares(partyShare, 0.1, 0.1, 0.05), "bot",
                seed);
    }

    @Test
    void everyBotIsInExactlyOneCrewWithAUniqueId() {
        List<String> ids = plan(100, 0.5, 7).stream().flatMap(crew -> crew.playerIds().stream()).toList();

        assertThat(ids).hasSize(100).doesNotHaveDuplicates();
        assertThat(ids.get(0)).isEqualTo("bot-0001");
    }

    @Test
    void onlySquadBotsFormPartiesOfTwoOrThreeAndTheShareIsHonoured() {
        List<CrewPlan.PlannedCrew> crews = plan(100, 0.5, 7);

        for (CrewPlan.PlannedCrew crew : crews) {
            if (crew.playerIds().size() > 1) {
                assertThat(crew.mode()).isEqualTo(GameMode.GAME_MODE_SQUAD);
                assertThat(crew.playerIds().size()).isBetween(2, 3);
            }
        }
        int inParties = crews.stream().filter(crew -> crew.playerIds().size() > 1)
                .mapToInt(crew -> crew.playerIds().size()).sum();
        assertThat(inParties).isEqualTo(20);
        assertThat(plan(100, 0, 7)).allMatch(crew -> crew.playerIds().size() == 1);
    }

    @Test
    void behavioursFollowTheSharesAndTheSeed() {
        List<Behaviour> behaviours = plan(100, 0, 7).stream().flatMap(crew -> crew.behaviours().stream()).toList();

        assertThat(behaviours.stream().filter(b -> b == Behaviour.IDLER)).hasSize(10);
        assertThat(behaviours.stream().filter(b -> b == Behaviour.RECONNECTER)).hasSize(10);
        assertThat(behaviours.stream().filter(b -> b == Behaviour.MISBEHAVING)).hasSize(5);
        assertThat(plan(100, 0, 7)).isEqualTo(plan(100, 0, 7));
        assertThat(plan(100, 0, 8)).isNotEqualTo(plan(100, 0, 7));
    }
}
