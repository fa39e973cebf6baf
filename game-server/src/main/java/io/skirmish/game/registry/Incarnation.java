package io.skirmish.game.registry;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * One life of a game server under its id: a new value per process start, advertised in the
 * registry entry and stamped on every allocation made to it. A server that dies and comes back
 * with the same id (a pod restarted in place, a process restarted by a supervisor) is a new
 * incarnation: the matches of the old one are aborted by the match-server, and allocations still
 * queued for the old one are dropped instead of resurrected.
 */
public final class Incarnation {

    private Incarnation() {
    }

    /**
     * Start time (hex epoch ms, so incarnations of one id sort by age when read by a person) and
     * 32 random bits (two starts in one millisecond still differ). Hex only: the registry keys
     * separate it from the server id with the first ':'.
     */
    public static String next(InstantSource clock, RandomGenerator random) {
        return Long.toHexString(clock.millis()) + HexFormat.of().toHexDigits(random.nextInt());
    }

    public static String next() {
        return next(InstantSource.system(), new SecureRandom());
    }
}
