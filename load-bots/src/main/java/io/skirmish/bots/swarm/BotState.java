package io.skirmish.bots.swarm;

/** Where a bot is in its cycle: log in, queue, play, read its rank, queue again. */
enum BotState {
    /** Not started yet (ramp-up), or logging in. */
    STARTING,
    /** Logged in, about to queue. */
    READY,
    /** Waiting for {@code MatchFound}. */
    QUEUED,
    /** Connecting to the game server with its connect token. */
    CONNECTING,
    /** In a match, sending inputs every tick. */
    PLAYING,
    /** The match ended; reading the new rank from the ranking-server. */
    RANKING,
    /** Done: the run is over for this bot. */
    STOPPED
}
