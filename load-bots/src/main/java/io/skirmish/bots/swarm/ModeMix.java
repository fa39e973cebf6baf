package io.skirmish.bots.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.MatchShape;

/**
 * Which share of the bots plays which mode, e.g. {@code duel=40,squad=40,ffa=20} (weights, not
 * necessarily summing to 100). A bot keeps its mode for the whole run, so every queue sees a
 * steady population.
 */
record ModeMix(Map<GameMode, Integer> weights) {

    static final String DEFAULT = "duel=40,squad=40,ffa=20";

    ModeMix {
        weights = Map.copyOf(weights);
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new ConfigException("mode-mix", weights, "expected at least one positive weight");
        }
    }

    static ModeMix parse(String text) {
        Map<GameMode, Integer> weights = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] pair = part.trim().split("=");
            if (pair.length != 2) {
                throw new ConfigException("mode-mix", text, "expected mode=weight[,mode=weight...], e.g. " + DEFAULT);
            }
            GameMode mode = modeNamed(pair[0].trim(), text);
            int weight;
            try {
                weight = Integer.parseInt(pair[1].trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("mode-mix", text, "weight '" + pair[1].trim() + "' is not a whole number");
            }
            if (weight < 0 || weights.put(mode, weight) != null) {
                throw new ConfigException("mode-mix", text, "a mode appears twice or has a negative weight");
            }
        }
        return new ModeMix(weights);
    }

    /** {@code duel}, {@code squad} or {@code ffa}. */
    static GameMode modeNamed(String name, Object wholeValue) {
        MatchShape shape = MatchShape.fromWireName(name.toLowerCase(Locale.ROOT));
        if (shape == null) {
            throw new ConfigException("mode-mix", wholeValue, "unknown mode '" + name + "' (expected duel, squad or ffa)");
        }
        return shape.wire();
    }

    /** The lower-case name the boards and the events use. */
    static String nameOf(GameMode mode) {
        MatchShape shape = MatchShape.fromWire(mode);
        if (shape == null) {
            throw new IllegalArgumentException("not a playable mode: " + mode);
        }
        return shape.wireName();
    }

    /**
     * Modes for {@code count} bots in proportion to the weights (largest remainder), in a stable
     * order: the same count always gives the same split.
     */
    List<GameMode> assign(int count) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        List<GameMode> modes = new ArrayList<>(count);
        List<GameMode> order = List.of(GameMode.GAME_MODE_DUEL, GameMode.GAME_MODE_SQUAD, GameMode.GAME_MODE_FFA);
        int assigned = 0;
        double[] remainders = new double[order.size()];
        int[] counts = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            double exact = (double) count * weights.getOrDefault(order.get(i), 0) / total;
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }
        while (assigned < count) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        for (int i = 0; i < order.size(); i++) {
            for (int n = 0; n < counts[i]; n++) {
                modes.add(order.get(i));
            }
        }
        return modes;
    }
}
