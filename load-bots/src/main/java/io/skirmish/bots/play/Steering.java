package io.skirmish.bots.play;

import java.util.Collection;
import java.util.function.IntUnaryOperator;

import io.skirmish.client.EntityState;

/**
 * The fighting bot's rule, pure (no I/O, no clock): pick the nearest living enemy it can see,
 * aim at it (with a little seeded jitter, so not every shot lands), close in to a comfortable
 * range, then circle it; fire while the enemy is within weapon range. With no enemy in sight,
 * head for the arena's centre, where the others are.
 */
public final class Steering {

    /** Hitscan reach of the arena rules (30 m), in centimetres, less a margin for movement. */
    static final int FIRE_RANGE_CM = 2_800;
    /** Closer than this the bot circles instead of walking into its target. */
    static final int CLOSE_RANGE_CM = 800;
    /** Near the centre with nobody in sight, the bot stops instead of orbiting the point. */
    static final int CENTRE_TOLERANCE_CM = 200;

    private final int arenaCentreCm;
    private final double aimJitterRadians;

    /**
     * @param arenaSizeCm      side of the square arena (from {@code Welcome.map_bounds})
     * @param aimJitterRadians largest aim error, uniformly spread either side
     */
    public Steering(int arenaSizeCm, double aimJitterRadians) {
        this.arenaCentreCm = arenaSizeCm / 2;
        this.aimJitterRadians = aimJitterRadians;
    }

    /**
     * @param self     the bot's own entity (null before the first snapshot: stand still)
     * @param visible  every entity in the newest snapshot
     * @param teamOf   entity id to team (1-based; 0 = unknown)
     * @param myTeam   the bot's team
     * @param jitter01 a uniform random number in [0, 1) for the aim error
     * @param circleClockwise which way to circle at close range
     */
    public BotInput decide(EntityState self, Collection<EntityState> visible, IntUnaryOperator teamOf, int myTeam,
                           double jitter01, boolean circleClockwise) {
        if (self == null || !self.alive()) {
            return BotInput.IDLE;
        }
        EntityState target = nearestEnemy(self, visible, teamOf, myTeam);
        if (target == null) {
            return towards(self, arenaCentreCm, arenaCentreCm);
        }
        double dx = target.xCm() - self.xCm();
        double dy = target.yCm() - self.yCm();
        double distance = Math.hypot(dx, dy);
        double aim = Math.atan2(dy, dx) + (jitter01 * 2 - 1) * aimJitterRadians;
        double moveX;
        double moveY;
        if (distance > CLOSE_RANGE_CM) {
            moveX = dx / distance;
            moveY = dy / distance;
        } else {
            double sign = circleClockwise ? -1 : 1;
            moveX = -dy / Math.max(distance, 1) * sign;
            moveY = dx / Math.max(distance, 1) * sign;
        }
        return new BotInput(moveX, moveY, aim, distance <= FIRE_RANGE_CM);
    }

    private static EntityState nearestEnemy(EntityState self, Collection<EntityState> visible, IntUnaryOperator teamOf,
                                            int myTeam) {
        EntityState nearest = null;
        long nearestSquared = Long.MAX_VALUE;
        for (EntityState other : visible) {
            if (other.entityId() == self.entityId() || !other.alive() || teamOf.applyAsInt(other.entityId()) == myTeam) {
                continue;
            }
            long dx = other.xCm() - self.xCm();
            long dy = other.yCm() - self.yCm();
            long squared = dx * dx + dy * dy;
            if (squared < nearestSquared) {
                nearestSquared = squared;
                nearest = other;
            }
        }
        return nearest;
    }

    private static BotInput towards(EntityState self, int xCm, int yCm) {
        double dx = xCm - self.xCm();
        double dy = yCm - self.yCm();
        double distance = Math.hypot(dx, dy);
        if (distance < CENTRE_TOLERANCE_CM) {
            return new BotInput(0, 0, 0, false);
        }
        return new BotInput(dx / distance, dy / distance, Math.atan2(dy, dx), false);
    }
}
