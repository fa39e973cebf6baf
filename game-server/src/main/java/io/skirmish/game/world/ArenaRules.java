package io.skirmish.game.world;

import io.skirmish.kit.config.Checks;
import io.skirmish.kit.config.ConfigException;

/**
 * The numbers that make the arena play the way it does, in SI units. One record so a
 * designer tunes the game in one place and every rule reads the same values.
 *
 * @param arenaSizeM        side of the square arena; positions run from 0 to this
 * @param playerRadiusM     radius of a player's hit circle
 * @param maxSpeedMps       top movement speed; faster input is clamped
 * @param maxHealth         health at spawn
 * @param shotDamage        health removed by one hit
 * @param shotRangeM        hitscan reach
 * @param fireIntervalMs    minimum time between two shots of one player
 * @param respawnDelayMs    time dead before respawning (modes that respawn)
 * @param interestRadiusM   how far a player sees: snapshots carry only what is within it
 * @param maxRewindMs       lag compensation cap: how far back a shot may be judged
 * @param maxMatchSeconds   caps every mode's own time limit (0: no cap); short demo and test
 *                          runs use it so that a free-for-all ends in seconds, not minutes
 */
public record ArenaRules(
        float arenaSizeM,
        float playerRadiusM,
        float maxSpeedMps,
        int maxHealth,
        int shotDamage,
        float shotRangeM,
        int fireIntervalMs,
        int respawnDelayMs,
        float interestRadiusM,
        int maxRewindMs,
        int maxMatchSeconds) {

    public ArenaRules {
        positive("arena-size", arenaSizeM);
        positive("player-radius", playerRadiusM);
        positive("max-speed", maxSpeedMps);
        Checks.inRange("max-health", maxHealth, 1, 10_000);
        Checks.inRange("shot-damage", shotDamage, 1, 10_000);
        positive("shot-range", shotRangeM);
        Checks.inRange("fire-interval-ms", fireIntervalMs, 1, 60_000);
        Checks.inRange("respawn-delay-ms", respawnDelayMs, 0, 60_000);
        positive("interest-radius", interestRadiusM);
        Checks.inRange("max-rewind-ms", maxRewindMs, 0, 1_000);
        Checks.inRange("max-match-time", maxMatchSeconds, 0, 86_400);
    }

    /** The arena the bots and the tests play. */
    public static ArenaRules standard() {
        return new ArenaRules(40f, 0.5f, 5f, 100, 25, 30f, 200, 2_000, 20f, 250, 0);
    }

    /** The same rules with every match ending after at most {@code seconds} (0: each mode's own limit). */
    public ArenaRules withMaxMatchSeconds(int seconds) {
        return new ArenaRules(arenaSizeM, playerRadiusM, maxSpeedMps, maxHealth, shotDamage, shotRangeM,
                fireIntervalMs, respawnDelayMs, interestRadiusM, maxRewindMs, seconds);
    }

    /** How long a match of {@code mode} lasts at most: the mode's limit, capped by {@link #maxMatchSeconds}. */
    public int timeLimitSeconds(MatchMode mode) {
        return maxMatchSeconds == 0 ? mode.timeLimitSeconds() : Math.min(mode.timeLimitSeconds(), maxMatchSeconds);
    }

    private static void positive(String key, float value) {
        if (!(value > 0f) || Float.isInfinite(value)) {
            throw new ConfigException(key, value, "expected a positive finite number");
        }
    }
}
