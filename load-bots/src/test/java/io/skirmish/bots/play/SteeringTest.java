package io.skirmish.bots.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;

import io.skirmish.client.EntityState;
import org.junit.jupiter.api.Test;

class SteeringTest {

    private static final int ALIVE = 1;
    private final Steering steering = new Steering(4_000, 0.0);
    private final Map<Integer, Integer> teams = Map.of(1, 1, 2, 2, 3, 2, 4, 1);

    private BotInput decide(EntityState self, EntityState... others) {
        List<EntityState> visible = new java.util.ArrayList<>(List.of(others));
        visible.add(self);
        return steering.decide(self, visible, id -> teams.getOrDefault(id, 0), 1, 0.5, false);
    }

    @Test
    void walksTowardsTheNearestLivingEnemyAndAimsAtIt() {
        EntityState self = new EntityState(1, 1_000, 1_000, 0, 100, ALIVE);
        EntityState near = new EntityState(2, 1_000, 3_000, 0, 100, ALIVE);
        EntityState far = new EntityState(3, 3_900, 1_000, 0, 100, ALIVE);

        BotInput input = decide(self, far, near);

        assertThat(input.moveX()).isCloseTo(0, offset(1e-9));
        assertThat(input.moveY()).isCloseTo(1, offset(1e-9));
        assertThat(input.aimRadians()).isCloseTo(Math.PI / 2, offset(1e-9));
        assertThat(input.fire()).isTrue();
    }

    @Test
    void ignoresTeamMatesAndTheDead() {
        EntityState self = new EntityState(1, 1_000, 1_000, 0, 100, ALIVE);
        EntityState mate = new EntityState(4, 1_100, 1_000, 0, 100, ALIVE);
        EntityState deadEnemy = new EntityState(2, 1_200, 1_000, 0, 0, 0);
        EntityState enemy = new EntityState(3, 1_000, 500, 0, 100, ALIVE);

        BotInput input = decide(self, mate, deadEnemy, enemy);

        assertThat(input.aimRadians()).isCloseTo(-Math.PI / 2, offset(1e-9));
    }

    @Test
    void holdsFireBeyondWeaponRange() {
        EntityState self = new EntityState(1, 0, 0, 0, 100, ALIVE);
        EntityState enemy = new EntityState(2, Steering.FIRE_RANGE_CM + 100, 0, 0, 100, ALIVE);

        assertThat(decide(self, enemy).fire()).isFalse();
    }

    @Test
    void circlesAnEnemyAtCloseRangeInsteadOfWalkingIntoIt() {
        EntityState self = new EntityState(1, 1_000, 1_000, 0, 100, ALIVE);
        EntityState enemy = new EntityState(2, 1_500, 1_000, 0, 100, ALIVE);

        BotInput input = decide(self, enemy);

        assertThat(input.moveX()).isCloseTo(0, offset(1e-9));
        assertThat(Math.abs(input.moveY())).isCloseTo(1, offset(1e-9));
        assertThat(input.fire()).isTrue();
    }

    @Test
    void headsForTheCentreWhenNoEnemyIsInSightAndStopsThere() {
        EntityState corner = new EntityState(1, 0, 0, 0, 100, ALIVE);
        EntityState centre = new EntityState(1, 2_000, 2_000, 0, 100, ALIVE);

        BotInput walking = decide(corner);
        assertThat(walking.moveX()).isCloseTo(Math.sqrt(0.5), offset(1e-9));
        assertThat(walking.moveY()).isCloseTo(Math.sqrt(0.5), offset(1e-9));
        assertThat(walking.fire()).isFalse();
        assertThat(decide(centre)).isEqualTo(new BotInput(0, 0, 0, false));
    }

    @Test
    void aDeadOrUnknownBotStandsStill() {
        assertThat(steering.decide(null, List.of(), id -> 0, 1, 0.5, false)).isEqualTo(BotInput.IDLE);
        EntityState dead = new EntityState(1, 0, 0, 0, 0, 0);
        assertThat(decide(dead)).isEqualTo(BotInput.IDLE);
    }

    @Test
    void aimJitterStaysWithinItsBound() {
        Steering jittery = new Steering(4_000, 0.1);
        EntityState self = new EntityState(1, 0, 0, 0, 100, ALIVE);
        EntityState enemy = new EntityState(2, 1_000, 0, 0, 100, ALIVE);
        for (double roll : new double[] {0.0, 0.25, 0.5, 0.999}) {
            double aim = jittery.decide(self, List.of(self, enemy), id -> teams.get(id), 1, roll, false).aimRadians();
            assertThat(aim).isBetween(-0.1, 0.1);
        }
    }
}
