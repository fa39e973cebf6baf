package io.skirmish.match.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A match that formation proposes: which tickets, on which team, in which region, and how good
 * it is. Nothing is claimed yet; the store's claim decides whether it happens.
 *
 * @param region      where the match is hosted (the queue's region)
 * @param mode        the match's mode
 * @param groups      the tickets (parties stay whole)
 * @param teams       team index (0-based) of each group, aligned with {@code groups}
 * @param quality     match quality in (0, 1], see {@link Quality}
 * @param skillWindow the window (mu) that admitted the match: the oldest ticket's
 * @param oldestWaitMs how long the oldest ticket waited
 */
public record Proposal(String region, QueueMode mode, List<Candidate> groups, int[] teams, double quality,
                       double skillWindow, long oldestWaitMs) {

    public Proposal {
        groups = List.copyOf(groups);
        teams = teams.clone();
        if (groups.size() != teams.length) {
            throw new IllegalArgumentException("one team per group");
        }
    }

    @Override
    public int[] teams() {
        return teams.clone();
    }

    /** One placed player. */
    public record Slot(String playerId, int team, Candidate ticket) {
    }

    /** Players in slot order: team 0 first, then team 1, ...; a party's players stay adjacent. */
    public List<Slot> slots() {
        List<Slot> slots = new ArrayList<>(mode.players());
        for (int team = 0; team < mode.teams(); team++) {
            for (int g = 0; g < groups.size(); g++) {
                if (teams[g] == team) {
                    for (String player : groups.get(g).playerIds()) {
                        slots.add(new Slot(player, team, groups.get(g)));
                    }
                }
            }
        }
        return slots;
    }
}
