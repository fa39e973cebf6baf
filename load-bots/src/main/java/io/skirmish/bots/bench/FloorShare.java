package io.skirmish.bots.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the server side of the UDP floor ({@link UdpFloorBench} {@code --role server}) cost in
 * one step: its process's CPU, user and kernel apart, for the bare receive and send of the
 * game's datagrams at the same sizes and rates. One line of text, written by the floor and read
 * by {@link GameLoadBench} {@code --floor}, so the game server's cost is reported next to the
 * floor measured in the same run.
 *
 * @param players           players of the step (one input in and one snapshot out per tick each)
 * @param tickRateHz        inputs and snapshots per player per second
 * @param seconds           length of the measurement window
 * @param userCores         the floor server's user CPU, in cores
 * @param kernelCores       the floor server's kernel (system) CPU, in cores
 * @param inputsPerS        datagrams the floor server received
 * @param snapshotsPerS     datagrams the floor server sent
 */
record FloorShare(int players, int tickRateHz, double seconds, double userCores, double kernelCores,
                  double inputsPerS, double snapshotsPerS) {

    private static final String PREFIX = "floor-share";

    /** User CPU per player-tick, in microseconds. */
    double userMicrosPerPlayerTick() {
        return userCores * 1e6 / ((double) players * tickRateHz);
    }

    /** Kernel CPU per player-tick, in microseconds. */
    double kernelMicrosPerPlayerTick() {
        return kernelCores * 1e6 / ((double) players * tickRateHz);
    }

    double microsPerPlayerTick() {
        return userMicrosPerPlayerTick() + kernelMicrosPerPlayerTick();
    }

    String line() {
        return String.format(Locale.ROOT, "%s players=%d tick_rate_hz=%d seconds=%.3f user_cores=%.4f kernel_cores=%.4f "
                + "inputs_per_s=%.0f snapshots_per_s=%.0f", PREFIX, players, tickRateHz, seconds, userCores, kernelCores,
                inputsPerS, snapshotsPerS);
    }

    /**
     * Reads a line written by {@link #line()}.
     *
     * @throws IllegalArgumentException naming the line when it is not one
     */
    static FloorShare parse(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 0 || !words[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a floor-share line: " + line);
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad field '" + words[i] + "' in floor-share line: " + line);
            }
            fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        try {
            return new FloorShare(Integer.parseInt(fields.get("players")), Integer.parseInt(fields.get("tick_rate_hz")),
                    Double.parseDouble(fields.get("seconds")), Double.parseDouble(fields.get("user_cores")),
                    Double.parseDouble(fields.get("kernel_cores")), Double.parseDouble(fields.get("inputs_per_s")),
                    Double.parseDouble(fields.get("snapshots_per_s")));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("missing or bad field in floor-share line: " + line, e);
        }
    }
}
