package io.skirmish.ranking.rating.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.ranking.rating.Rating;

/**
 * The {@code rate} command's JSON: reads one match, writes the updated teams.
 *
 * <pre>
 * in:  {"teams":[[{"mu":25.0,"sigma":8.33},...],...], "ranks":[1,2,...]}   ranks optional
 * out: {"teams":[[{"mu":27.63,"sigma":8.06},...],...]}
 * </pre>
 *
 * <p>Input is untrusted: every field is checked and a problem is reported with its JSON path
 * ({@code teams[1][0].sigma must be positive, got -1.0}). Unknown fields are errors, so a
 * typo such as {@code "rank"} is not silently ignored. {@code NaN} and {@code Infinity} are
 * read as numbers only to be rejected by name. A player written as {@code {}} is a new
 * player at the model's starting rating.
 */
final class MatchJson {

    /** More teams than any mode has; the update is quadratic in the number of teams. */
    static final int MAX_TEAMS = 1024;
    static final int MAX_PLAYERS = 4096;
    private static final int MAX_NESTING_DEPTH = 16;
    private static final int MAX_MESSAGE_CHARS = 300;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A parsed match: teams, and ranks in team order (1, 2, ... when the input had none). */
    record Match(List<List<Rating>> teams, int[] ranks) {
    }

    private MatchJson() {
    }

    static Match read(byte[] input, Rating newPlayer) throws MalformedMatchException {
        JsonNode root;
        try {
            root = MAPPER.readTree(input);
        } catch (JsonProcessingException e) {
            throw new MalformedMatchException("invalid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMatchException("invalid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedMatchException("empty input, expected a JSON object with \"teams\"");
        }
        if (!root.isObject()) {
            throw new MalformedMatchException("input must be a JSON object with \"teams\", got " + type(root));
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (!name.equals("teams") && !name.equals("ranks")) {
                throw new MalformedMatchException(
                        "unknown field \"" + clip(name) + "\", expected \"teams\" and optionally \"ranks\"");
            }
        }
        List<List<Rating>> teams = teams(root.get("teams"), newPlayer);
        int[] ranks = ranks(root.get("ranks"), teams.size());
        return new Match(teams, ranks);
    }

    /** Writes {@code {"teams":[[{"mu":..,"sigma":..},..],..]}} with every double exact. */
    static void write(List<List<Rating>> teams, Writer out) throws IOException {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeArrayFieldStart("teams");
            for (List<Rating> team : teams) {
                json.writeStartArray();
                for (Rating player : team) {
                    json.writeStartObject();
                    json.writeNumberField("mu", player.mu());
                    json.writeNumberField("sigma", player.sigma());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static List<List<Rating>> teams(JsonNode node, Rating newPlayer) throws MalformedMatchException {
        if (node == null) {
            throw new MalformedMatchException("missing field \"teams\"");
        }
        if (!node.isArray()) {
            throw new MalformedMatchException("\"teams\" must be an array of teams, got " + type(node));
        }
        if (node.size() < 2) {
            throw new MalformedMatchException("\"teams\" needs at least 2 teams, got " + node.size());
        }
        if (node.size() > MAX_TEAMS) {
            throw new MalformedMatchException("\"teams\" has " + node.size() + " teams, at most " + MAX_TEAMS);
        }
        List<List<Rating>> teams = new ArrayList<>(node.size());
        int players = 0;
        for (int i = 0; i < node.size(); i++) {
            JsonNode team = node.get(i);
            String path = "teams[" + i + "]";
            if (!team.isArray()) {
                throw new MalformedMatchException(path + " must be an array of players, got " + type(team));
            }
            if (team.isEmpty()) {
                throw new MalformedMatchException(path + " has no players");
            }
            players += team.size();
            if (players > MAX_PLAYERS) {
                throw new MalformedMatchException("the match has more than " + MAX_PLAYERS + " players");
            }
            List<Rating> ratings = new ArrayList<>(team.size());
            for (int k = 0; k < team.size(); k++) {
                ratings.add(player(team.get(k), path + "[" + k + "]", newPlayer));
            }
            teams.add(List.copyOf(ratings));
        }
        return List.copyOf(teams);
    }

    private static Rating player(JsonNode node, String path, Rating newPlayer) throws MalformedMatchException {
        if (!node.isObject()) {
            throw new MalformedMatchException(path + " must be an object with \"mu\" and \"sigma\", got " + type(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!name.equals("mu") && !name.equals("sigma")) {
                throw new MalformedMatchException(
                        path + " has unknown field \"" + clip(name) + "\", expected \"mu\" and \"sigma\"");
            }
        }
        if (node.isEmpty()) {
            return newPlayer;
        }
        double mu = number(node, "mu", path);
        double sigma = number(node, "sigma", path);
        if (Math.abs(mu) > PlackettLuce.MAX_ABS_MU) {
            throw new MalformedMatchException(
                    path + ".mu must be within -" + PlackettLuce.MAX_ABS_MU + ".." + PlackettLuce.MAX_ABS_MU + ", got " + mu);
        }
        if (!(sigma > 0)) {
            throw new MalformedMatchException(path + ".sigma must be positive, got " + sigma);
        }
        if (sigma < PlackettLuce.MIN_SIGMA || sigma > PlackettLuce.MAX_SIGMA) {
            throw new MalformedMatchException(path + ".sigma must be within " + PlackettLuce.MIN_SIGMA + ".."
                    + PlackettLuce.MAX_SIGMA + ", got " + sigma);
        }
        return new Rating(mu, sigma);
    }

    private static double number(JsonNode player, String field, String path) throws MalformedMatchException {
        JsonNode value = player.get(field);
        if (value == null) {
            throw new MalformedMatchException(path + " is missing \"" + field + "\" (write {} for a new player)");
        }
        if (!value.isNumber()) {
            throw new MalformedMatchException(path + "." + field + " must be a number, got " + type(value));
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new MalformedMatchException(path + "." + field + " must be finite, got " + d);
        }
        return d;
    }

    private static int[] ranks(JsonNode node, int teams) throws MalformedMatchException {
        int[] ranks = new int[teams];
        if (node == null || node.isNull()) {
            for (int i = 0; i < teams; i++) {
                ranks[i] = i + 1;
            }
            return ranks;
        }
        if (!node.isArray()) {
            throw new MalformedMatchException("\"ranks\" must be an array of integers, got " + type(node));
        }
        if (node.size() != teams) {
            throw new MalformedMatchException(
                    "\"ranks\" has " + node.size() + " entries but there are " + teams + " teams");
        }
        for (int i = 0; i < teams; i++) {
            JsonNode rank = node.get(i);
            if (!rank.isIntegralNumber() || !rank.canConvertToInt()) {
                String got = rank.isNumber() ? clip(rank.asText()) : type(rank);
                throw new MalformedMatchException("ranks[" + i + "] must be an integer, got " + got);
            }
            ranks[i] = rank.intValue();
        }
        return ranks;
    }

    private static String type(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    /** Keeps an echoed piece of input short. */
    static String clip(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
