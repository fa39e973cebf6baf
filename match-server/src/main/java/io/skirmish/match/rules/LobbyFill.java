package io.skirmish.match.rules;

/**
 * How many players a match needs, by how long its oldest ticket (the anchor) has waited. A match
 * needs a full lobby until {@code afterMs}, then one player fewer at once and every {@code stepMs}
 * after, down to its mode's {@link QueueMode#minPlayers()}, rounded up to a count the mode admits
 * (even teams): a small population (a quiet region, a late hour, the end of a bot swarm's ramp-up)
 * gets a smaller match within a bounded wait instead of waiting for players who are not there.
 * With the defaults ({@code 1000:250}) an FFA lobby needs 8 players before 1 s, 7 from 1 s, 6 from
 * 1.25 s, ... and 2 from 2.25 s on: it starts with whoever is in its skill window by then. A squad
 * needs 6 before 1.25 s (5 would leave one team short, so it waits for the next step) and 4, a
 * 2v2, from 1.25 s on. A duel always needs both players.
 *
 * <p>Pure: the caller passes the anchor's wait, so tests drive it with any clock they like.
 * Written in configuration as {@code afterMs:stepMs}.
 *
 * @param afterMs how long a lobby waits to fill before it may start short
 * @param stepMs  how much longer each further missing player takes to be accepted (more than 0)
 */
public record LobbyFill(long afterMs, long stepMs) {

    /** A full lobby for 1 s, then one player fewer every 250 ms. */
    public static final LobbyFill DEFAULT = new LobbyFill(1_000, 250);

    public LobbyFill {
        if (afterMs < 0 || stepMs <= 0) {
            throw new IllegalArgumentException("lobby fill needs afterMs >= 0 and stepMs > 0: " + afterMs + ":" + stepMs);
        }
    }

    /** Players a match of {@code mode} needs when its anchor has waited {@code anchorWaitMs}. */
    public int needed(QueueMode mode, long anchorWaitMs) {
        if (anchorWaitMs < afterMs) {
            return mode.players();
        }
        long fewer = 1 + (anchorWaitMs - afterMs) / stepMs;
        int needed = (int) Math.max(mode.minPlayers(), mode.players() - Math.min(fewer, mode.players()));
        while (!mode.admits(needed)) {
            needed++; // an uneven count: wait for the next one a mode admits (minPlayers always is)
        }
        return needed;
    }

    /** Parses {@code afterMs:stepMs}; throws IllegalArgumentException naming the text. */
    public static LobbyFill parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected afterMs:stepMs, got '" + text + "'");
        }
        try {
            return new LobbyFill(Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected whole milliseconds in afterMs:stepMs, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return afterMs + ":" + stepMs;
    }
}
