package io.skirmish.game.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class WorldTest {

    private static final int HZ = 30;
    private final ArenaRules rules = ArenaRules.standard();
    private final RecordingEvents events = new RecordingEvents();
    private final InputValidator validator = new InputValidator();
    private final PlayerInput input = new PlayerInput();
    private final long[] sequence = new long[8];

    private World started(MatchMode mode) {
        World world = new World(mode, rules, HZ, events, validator);
        boolean[] arrived = new boolean[mode.players()];
        Arrays.fill(arrived, true);
        world.start(arrived);
        return world;
    }

    private void send(World world, int player, float moveX, float moveY, float aim, boolean fire) {
        world.onInput(player, input.set(++sequence[player], moveX, moveY, aim, fire, world.tick()));
    }

    private void steps(World world, int ticks) {
        for (int i = 0; i < ticks; i++) {
            world.step();
        }
    }

    /** Player 0 fires at player 1 (they face each other in a duel) until told to stop. */
    private void shootUntilKilled(World world, int shooter, int victim) {
        for (int i = 0; i < 100 && world.alive(victim); i++) {
            send(world, shooter, 0, 0, world.aim(shooter), true);
            world.step();
        }
    }

    @Test
    void duelPlayersStartOnOppositeEdgesFacingEachOther() {
        World world = started(MatchMode.DUEL);

        assertThat(world.team(0)).isZero();
        assertThat(world.team(1)).isEqualTo(1);
        assertThat(world.x(0)).isLessThan(world.x(1));
        assertThat(world.aim(0)).isCloseTo(0f, offset(1e-6f));
        assertThat(world.health(0)).isEqualTo(rules.maxHealth());
        assertThat(events.lines).containsExactly("start@0");
    }

    @Test
    void movesAtMostTopSpeedEvenWhenAskedForMore() {
        World world = started(MatchMode.DUEL);
        float startX = world.x(0);

        send(world, 0, 10f, 0f, 0f, false);
        steps(world, HZ);

        assertThat(world.x(0) - startX).isCloseTo(rules.maxSpeedMps(), offset(1e-3f));
        assertThat(validator.rejections(InputRejection.SPEED_CLAMPED)).isEqualTo(1);
    }

    @Test
    void staysInsideTheArena() {
        World world = started(MatchMode.DUEL);

        send(world, 0, -1f, 0f, 0f, false);
        steps(world, 10 * HZ);

        assertThat(world.x(0)).isEqualTo(rules.playerRadiusM());
    }

    @Test
    void nonFiniteInputIsIgnoredWhole() {
        World world = started(MatchMode.DUEL);
        float startX = world.x(0);

        send(world, 0, Float.NaN, 1f, 0f, true);
        steps(world, 5);

        assertThat(world.x(0)).isEqualTo(startX);
        assertThat(world.shots(0)).isZero();
        assertThat(validator.rejections(InputRejection.NON_FINITE)).isEqualTo(1);
    }

    @Test
    void hitscanDamagesAndFourHitsEliminateInADuel() {
        World world = started(MatchMode.DUEL);

        shootUntilKilled(world, 0, 1);

        assertThat(world.hits(0)).isEqualTo(4);
        assertThat(world.damageDealt(0)).isEqualTo(100);
        assertThat(world.kills(0)).isEqualTo(1);
        assertThat(world.deaths(1)).isEqualTo(1);
        assertThat(world.ended()).isTrue();
        assertThat(world.endReason()).isEqualTo(EndReason.ELIMINATION);
        assertThat(world.winningTeam()).isZero();
        assertThat(world.placement(0)).isEqualTo(1);
        assertThat(world.placement(1)).isEqualTo(2);
        assertThat(events.starting("kill")).hasSize(1);
        assertThat(events.lines.get(events.lines.size() - 1)).startsWith("end ELIMINATION winner=0");
    }

    @Test
    void fireFasterThanTheIntervalIsDroppedAndCounted() {
        World world = started(MatchMode.DUEL);

        for (int i = 0; i < 12; i++) {
            send(world, 0, 0, 0, 0f, true);
            world.step();
        }

        // 200 ms at 30 Hz is 6 ticks: shots on the first and the seventh tick only.
        assertThat(world.shots(0)).isEqualTo(2);
        assertThat(validator.rejections(InputRejection.FIRE_RATE)).isEqualTo(10);
    }

    @Test
    void twoShotsInOneTickCountAsOne() {
        World world = started(MatchMode.DUEL);

        send(world, 0, 0, 0, 0f, true);
        send(world, 0, 0, 0, 0f, true);
        world.step();

        assertThat(world.shots(0)).isEqualTo(1);
        assertThat(validator.rejections(InputRejection.FIRE_RATE)).isEqualTo(1);
    }

    @Test
    void aimingAwayMisses() {
        World world = started(MatchMode.DUEL);

        send(world, 0, 0, 0, (float) Math.PI, true);
        world.step();

        assertThat(world.shots(0)).isEqualTo(1);
        assertThat(world.hits(0)).isZero();
        assertThat(events.starting("shot")).containsExactly("shot 0->-1@1");
    }

    @Test
    void teammatesCannotHitEachOther() {
        World world = started(MatchMode.SQUAD);
        // Slot 0 and 1 are team 0, stacked vertically; aim straight at the teammate.
        float aimAtMate = (float) Math.atan2(world.y(1) - world.y(0), world.x(1) - world.x(0));

        send(world, 0, 0, 0, aimAtMate, true);
        world.step();

        assertThat(world.hits(0)).isZero();
        assertThat(world.health(1)).isEqualTo(rules.maxHealth());
    }

    @Test
    void shotIsJudgedWhereTheTargetWasWhenTheShooterSawIt() {
        World world = started(MatchMode.DUEL);
        // Target runs up, out of the line of fire, for 4 ticks.
        send(world, 1, 0f, 1f, (float) Math.PI, false);
        long sawAt = world.tick();
        steps(world, 4);
        assertThat(world.y(1) - world.y(0)).isGreaterThan(rules.playerRadiusM());

        world.onInput(0, input.set(++sequence[0], 0, 0, 0f, true, sawAt));
        world.step();

        assertThat(world.hits(0)).isEqualTo(1);
    }

    @Test
    void rewindIsCappedSoOldViewsCannotHit() {
        World world = started(MatchMode.DUEL);
        send(world, 1, 0f, 1f, (float) Math.PI, false);
        long sawAt = world.tick();
        steps(world, 20);

        world.onInput(0, input.set(++sequence[0], 0, 0, 0f, true, sawAt));
        world.step();

        assertThat(world.hits(0)).isZero();
        assertThat(validator.rejections(InputRejection.VIEW_TICK_CLAMPED)).isEqualTo(1);
    }

    @Test
    void timeLimitWithEqualTeamsIsADraw() {
        World world = started(MatchMode.DUEL);

        steps(world, (int) world.timeLimitTicks());

        assertThat(world.ended()).isTrue();
        assertThat(world.endReason()).isEqualTo(EndReason.TIME_LIMIT);
        assertThat(world.winningTeam()).isEqualTo(-1);
        assertThat(world.placement(0)).isEqualTo(1);
        assertThat(world.placement(1)).isEqualTo(1);
    }

    @Test
    void aMatchTimeCapShortensEveryModesLimitButNeverLengthensIt() {
        ArenaRules capped = rules.withMaxMatchSeconds(10);

        assertThat(capped.timeLimitSeconds(MatchMode.FFA)).isEqualTo(10);
        assertThat(rules.withMaxMatchSeconds(1_000).timeLimitSeconds(MatchMode.DUEL))
                .isEqualTo(MatchMode.DUEL.timeLimitSeconds());
        assertThat(rules.timeLimitSeconds(MatchMode.SQUAD)).isEqualTo(MatchMode.SQUAD.timeLimitSeconds());
        World world = new World(MatchMode.FFA, capped, HZ, events, validator);
        assertThat(world.timeLimitTicks()).isEqualTo(10L * HZ);
    }

    @Test
    void timeLimitGoesToTheTeamWithMoreHealth() {
        World world = started(MatchMode.DUEL);
        send(world, 1, 0, 0, (float) Math.PI, true);

        steps(world, (int) world.timeLimitTicks());

        assertThat(world.winningTeam()).isEqualTo(1);
    }

    @Test
    void aPlayerWhoNeverArrivesForfeitsTheDuel() {
        World world = new World(MatchMode.DUEL, rules, HZ, events, validator);

        world.start(new boolean[] {true, false});

        assertThat(world.ended()).isTrue();
        assertThat(world.endReason()).isEqualTo(EndReason.FORFEIT);
        assertThat(world.winningTeam()).isZero();
    }

    @Test
    void squadGoesOnWhenOnePlayerLeavesAndEndsWhenASideIsEmpty() {
        World world = started(MatchMode.SQUAD);

        world.onLeftForGood(3);
        world.onLeftForGood(4);
        world.step();
        assertThat(world.ended()).isFalse();

        world.onLeftForGood(5);

        assertThat(world.ended()).isTrue();
        assertThat(world.endReason()).isEqualTo(EndReason.FORFEIT);
        assertThat(world.winningTeam()).isZero();
    }

    @Test
    void disconnectedPlayerStandsStillAndResumesOnReconnect() {
        World world = started(MatchMode.DUEL);
        send(world, 0, 1f, 0f, 0f, false);
        world.step();

        world.onDisconnected(0);
        float x = world.x(0);
        steps(world, 5);
        assertThat(world.x(0)).isEqualTo(x);
        assertThat(world.connected(0)).isFalse();

        world.onReconnected(0);
        send(world, 0, 1f, 0f, 0f, false);
        world.step();
        assertThat(world.x(0)).isGreaterThan(x);
    }

    @Test
    void freeForAllRespawnsAfterTheDelayAndRanksByKills() {
        World world = started(MatchMode.FFA);
        // Player 0 faces the centre; put player 4 (opposite on the ring) in its sights.
        float aim = (float) Math.atan2(world.y(4) - world.y(0), world.x(4) - world.x(0));
        for (int i = 0; i < 100 && world.alive(4); i++) {
            send(world, 0, 0, 0, aim, true);
            world.step();
        }
        assertThat(world.alive(4)).isFalse();
        long diedAt = world.tick();

        steps(world, (int) TickMath.ticksFor(rules.respawnDelayMs(), HZ));

        assertThat(world.alive(4)).isTrue();
        assertThat(world.health(4)).isEqualTo(rules.maxHealth());
        assertThat(events.starting("respawn")).containsExactly(
                "respawn 4@" + (diedAt + TickMath.ticksFor(rules.respawnDelayMs(), HZ)));

        steps(world, (int) world.timeLimitTicks());
        assertThat(world.endReason()).isEqualTo(EndReason.TIME_LIMIT);
        assertThat(world.placement(0)).isEqualTo(1);
        // Nobody else killed; player 4 died once, so it ranks last; the rest tie for second.
        assertThat(world.placement(1)).isEqualTo(2);
        assertThat(world.placement(7)).isEqualTo(2);
        assertThat(world.placement(4)).isEqualTo(8);
    }

    @Test
    void seesTeamAlwaysAndOpponentsOnlyWithinTheInterestRadius() {
        World world = started(MatchMode.SQUAD);

        assertThat(world.canSee(0, 2)).isTrue();
        assertThat(world.canSee(0, 3)).isFalse();

        send(world, 0, 1f, 0f, 0f, false);
        steps(world, 3 * HZ);
        assertThat(world.canSee(0, 4)).isTrue();
    }

    @Test
    void nothingHappensAfterTheEnd() {
        World world = started(MatchMode.DUEL);
        shootUntilKilled(world, 0, 1);
        long endedAt = world.tick();

        send(world, 0, 1f, 0f, 0f, true);
        steps(world, 10);

        assertThat(world.tick()).isEqualTo(endedAt);
        assertThat(events.starting("end")).hasSize(1);
    }

    @Test
    void aShortFreeForAllPlaysWithTheSlotsItWasGivenAndRanksThem() {
        World world = new World(MatchMode.FFA, 3, rules, HZ, events, validator);
        world.start(new boolean[] {true, true, true});
        assertThat(world.players()).isEqualTo(3);
        float aim = (float) Math.atan2(world.y(1) - world.y(0), world.x(1) - world.x(0));
        for (int i = 0; i < 100 && world.alive(1); i++) {
            send(world, 0, 0, 0, aim, true);
            world.step();
        }
        assertThat(world.alive(1)).isFalse();

        steps(world, (int) world.timeLimitTicks());

        assertThat(world.endReason()).isEqualTo(EndReason.TIME_LIMIT);
        assertThat(world.placement(0)).isEqualTo(1);
        assertThat(world.placement(2)).isEqualTo(2);
        assertThat(world.placement(1)).isEqualTo(3);
    }

    @Test
    void aShortSquadPlaysTwoAgainstTwoFromOppositeEdgesUntilASideIsEmpty() {
        World world = new World(MatchMode.SQUAD, 4, rules, HZ, events, validator);
        world.start(new boolean[] {true, true, true, true});

        assertThat(new int[] {world.team(0), world.team(1), world.team(2), world.team(3)}).containsExactly(0, 0, 1, 1);
        assertThat(Math.max(world.x(0), world.x(1))).isLessThan(Math.min(world.x(2), world.x(3)));
        assertThat(world.y(0)).as("teammates spread along their edge").isNotEqualTo(world.y(1));
        assertThat(world.y(0)).as("the same spots on either edge").isEqualTo(world.y(2));
        assertThat(world.canSee(0, 1)).isTrue();

        world.onLeftForGood(2);
        world.step();
        assertThat(world.ended()).isFalse();
        world.onLeftForGood(3);

        assertThat(world.endReason()).isEqualTo(EndReason.FORFEIT);
        assertThat(world.winningTeam()).isZero();
    }

    @Test
    void unevenTeamsAndTooSmallLobbiesAreRefused() {
        assertThatThrownBy(() -> new World(MatchMode.SQUAD, 5, rules, HZ, events, validator))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("squad cannot be played by 5");
        assertThatThrownBy(() -> new World(MatchMode.SQUAD, 3, rules, HZ, events, validator))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("squad");
        assertThatThrownBy(() -> new World(MatchMode.DUEL, 1, rules, HZ, events, validator))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duel");
        assertThatThrownBy(() -> new World(MatchMode.FFA, 1, rules, HZ, events, validator))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
