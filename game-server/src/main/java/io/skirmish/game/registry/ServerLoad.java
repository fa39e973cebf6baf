package io.skirmish.game.registry;

/**
 * A game server's load as the allocator sees it.
 *
 * @param players      players in hosted matches (connected or expected)
 * @param matches      hosted matches
 * @param tickHeadroom 1 - tick duration p99 / tick budget, in [0, 1]: how much slower the tick
 *                     could get before it is late
 */
public record ServerLoad(int players, int matches, double tickHeadroom) {
}
