package io.skirmish.launcher;

import io.skirmish.testkit.process.FreePorts;

/**
 * Port choice for the local stack: the well-known port (6379, 9200) when free, so tools work with
 * their defaults, else a free one, so a second stack or a system Redis never blocks a run.
 */
public final class PreferredPort {
    private PreferredPort() {
    }

    /**
     * @param requested the user's choice: null for "preferred if free", 0 for "any free port", else exactly that port
     * @param preferred the well-known port
     * @throws IllegalArgumentException when the user asked for a port that is taken
     */
    public static int choose(Integer requested, int preferred) {
        if (requested == null) {
            return FreePorts.isFree(preferred) ? preferred : FreePorts.next();
        }
        if (requested == 0) {
            return FreePorts.next();
        }
        if (requested < 0 || requested > 65_535) {
            throw new IllegalArgumentException("port out of range: " + requested);
        }
        if (!FreePorts.isFree(requested)) {
            throw new IllegalArgumentException("port " + requested + " is already taken on 127.0.0.1");
        }
        return requested;
    }
}
