package io.skirmish.ranking.season;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One season as the catalogue in Redis keeps it ({@code skirmish:{rk}:season:def:<id>}).
 * Immutable once written: consumers cache it by id.
 *
 * @param id         e.g. {@code 2026-s1}: letters, digits, '.', '_', '-', at most 32
 * @param previous   the season it follows, empty for the first
 * @param startedMs  when it started (epoch ms)
 * @param reset      how ratings of earlier seasons enter this one
 */
public record SeasonInfo(String id, String previous, long startedMs, SoftReset reset) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    public SeasonInfo {
        requireValidId(id);
        if (!previous.isEmpty()) {
            requireValidId(previous);
        }
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String requireValidId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("season id '" + id + "' must be 1..32 of [A-Za-z0-9._-]");
        }
        return id;
    }

    /** The hash fields written to Redis. */
    public Map<String, String> toFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("previous", previous);
        fields.put("started_ms", Long.toString(startedMs));
        fields.put("mu0", Double.toString(reset.mu0()));
        fields.put("sigma0", Double.toString(reset.sigma0()));
        fields.put("factor", Double.toString(reset.factor()));
        fields.put("sigma_delta", Double.toString(reset.sigmaDelta()));
        return fields;
    }

    /** Reads the hash fields back; throws {@link IllegalArgumentException} when one is missing or bad. */
    public static SeasonInfo fromFields(Map<String, String> fields) {
        try {
            return new SeasonInfo(fields.get("id"), fields.getOrDefault("previous", ""),
                    Long.parseLong(fields.get("started_ms")),
                    new SoftReset(Double.parseDouble(fields.get("mu0")), Double.parseDouble(fields.get("sigma0")),
                            Double.parseDouble(fields.get("factor")), Double.parseDouble(fields.get("sigma_delta"))));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed season definition " + fields + ": " + e.getMessage());
        }
    }
}
