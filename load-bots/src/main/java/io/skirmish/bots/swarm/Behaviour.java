package io.skirmish.bots.swarm;

/** How a bot plays; chosen once per bot from the configured shares and the seed. */
enum Behaviour {
    /** Moves towards the nearest enemy, aims, shoots. */
    FIGHTER,
    /** Stands still and never shoots, but keeps sending (empty) inputs and acknowledging snapshots. */
    IDLER,
    /** Fights, and once per match drops its connection and reconnects with the same connect token. */
    RECONNECTER,
    /**
     * Fights, and also floods (bursts of extra inputs) and sends bad datagrams (garbage, truncated
     * and tampered packets). The server must refuse them and count them; these are not errors of
     * the backend, so the report counts them apart.
     */
    MISBEHAVING
}
