package io.skirmish.match.rules;

/**
 * The tunables of one queue's formation.
 *
 * @param skillWindow   half-width of the skill window (mu) by waiting time
 * @param foreignRtt    largest RTT (ms) at which a ticket may play in a region other than its own,
 *                      by waiting time; a ticket never plays in a region it did not measure
 * @param foreignAfterMs a ticket is offered to other regions only after waiting this long
 * @param fill           how many players a match needs by its anchor's wait (short FFA lobbies)
 */
public record FormationRules(Widening skillWindow, Widening foreignRtt, long foreignAfterMs, LobbyFill fill) {

    public FormationRules {
        if (skillWindow == null || foreignRtt == null || foreignAfterMs < 0 || fill == null) {
            throw new IllegalArgumentException("formation rules need windows, a lobby fill and foreignAfterMs >= 0");
        }
    }

    /** Rules with the default lobby fill ({@link LobbyFill#DEFAULT}). */
    public FormationRules(Widening skillWindow, Widening foreignRtt, long foreignAfterMs) {
        this(skillWindow, foreignRtt, foreignAfterMs, LobbyFill.DEFAULT);
    }

    /** Defaults: skill window 3 mu, +1 per second, cap 25; other regions after 20 s at 60 ms +5/s up to 150 ms. */
    public static FormationRules defaults() {
        return new FormationRules(new Widening(3, 1, 25), new Widening(60, 5, 150), 20_000);
    }

    /** Whether {@code candidate} may play a match hosted in {@code region} at {@code nowMs}. */
    public boolean mayPlayIn(Candidate candidate, String region, long nowMs) {
        if (candidate.queueRegion().equals(region)) {
            return true;
        }
        long waitMs = candidate.waitMs(nowMs);
        if (waitMs < foreignAfterMs) {
            return false;
        }
        Integer rtt = candidate.rttMs().get(region);
        return rtt != null && rtt <= foreignRtt.at(waitMs - foreignAfterMs);
    }
}
