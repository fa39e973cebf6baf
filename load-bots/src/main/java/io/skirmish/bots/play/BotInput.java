package io.skirmish.bots.play;

/**
 * What a bot does this tick, in the units of {@code GameSession.sendInput}: movement axes in
 * [-1, 1] (x right, y up), aim in radians (0 = +x, counter-clockwise), fire or not.
 */
public record BotInput(double moveX, double moveY, double aimRadians, boolean fire) {

    /** Standing still, aiming along +x, not firing. */
    public static final BotInput IDLE = new BotInput(0, 0, 0, false);
}
