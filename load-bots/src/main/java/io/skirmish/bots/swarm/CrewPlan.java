package io.skirmish.bots.swarm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.skirmish.protocol.common.v1.GameMode;

/**
 * Who is who in a run, decided from the configuration and the seed alone (the same flags give
 * the same bots): each bot's mode, behaviour and crew. Squad bots within the party share queue
 * in parties of 3 and 2; everyone else queues alone. Pure.
 */
final class CrewPlan {

    /** One crew to be: its mode and its bots' ids and behaviours, leader first. */
    record PlannedCrew(GameMode mode, List<String> playerIds, List<Behaviour> behaviours) {
    }

    private CrewPlan() {
    }

    static List<PlannedCrew> plan(int bots, ModeMix mix, BotShares shares, String playerPrefix, long seed) {
        Random random = new Random(seed);
        List<Behaviour> behaviours = new ArrayList<>(bots);
        add(behaviours, Behaviour.IDLER, (int) Math.round(bots * shares.idle()));
        add(behaviours, Behaviour.RECONNECTER, (int) Math.round(bots * shares.reconnect()));
        add(behaviours, Behaviour.MISBEHAVING, (int) Math.round(bots * shares.misbehave()));
        add(behaviours, Behaviour.FIGHTER, bots - behaviours.size());
        Collections.shuffle(behaviours, random);
        List<GameMode> modes = mix.assign(bots);
        int squads = (int) modes.stream().filter(mode -> mode == GameMode.GAME_MODE_SQUAD).count();
        int inParties = (int) Math.round(squads * shares.party());
        List<PlannedCrew> crews = new ArrayList<>();
        int next = 0;
        int partyBotsLeft = inParties;
        int width = Math.max(4, Integer.toString(bots).length());
        while (next < bots) {
            GameMode mode = modes.get(next);
            int size = 1;
            if (mode == GameMode.GAME_MODE_SQUAD && partyBotsLeft >= 2) {
                // Parties of 3 while possible, a party of 2 for a remainder of 2 or 4.
                size = partyBotsLeft == 2 || partyBotsLeft == 4 ? 2 : 3;
                size = Math.min(size, (int) modes.subList(next, bots).stream()
                        .filter(m -> m == GameMode.GAME_MODE_SQUAD).count());
                partyBotsLeft -= size;
            }
            List<String> ids = new ArrayList<>(size);
            List<Behaviour> kinds = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                ids.add(String.format("%s-%0" + width + "d", playerPrefix, next + 1));
                kinds.add(behaviours.get(next));
                next++;
            }
            crews.add(new PlannedCrew(mode, ids, kinds));
        }
        return crews;
    }

    private static void add(List<Behaviour> list, Behaviour behaviour, int count) {
        for (int i = 0; i < count; i++) {
            list.add(behaviour);
        }
    }
}
