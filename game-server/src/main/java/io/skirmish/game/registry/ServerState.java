package io.skirmish.game.registry;

import java.util.Locale;

/** What a game server tells the allocator about itself. */
public enum ServerState {
    /** Accepts new matches. */
    READY,
    /** Finishes its running matches and accepts no new ones (shutting down). */
    DRAINING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
