package io.skirmish.ranking.rating;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The cases in {@code rating/openskill-v5-reference.json}, written by
 * {@code src/test/reference/generate.mjs} from openskill 5 (see README.md to regenerate).
 */
final class ReferenceCases {

    static final String RESOURCE = "/rating/openskill-v5-reference.json";

    record Case(String name, RatingOptions options, List<List<Rating>> teams, int[] ranks,
            List<List<Rating>> expected, JsonNode json) {

        boolean hasRanks() {
            return ranks != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ReferenceCases() {
    }

    static List<Case> load() {
        try (InputStream in = ReferenceCases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(new Case(
                        c.get("name").asText(),
                        options(c.get("options")),
                        teams(c.get("teams")),
                        c.has("ranks") ? ranks(c.get("ranks")) : null,
                        teams(c.get("expected")),
                        c));
            }
            if (cases.size() != root.get("count").asInt()) {
                throw new IllegalStateException("count says " + root.get("count") + ", found " + cases.size());
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case named(String name) {
        return load().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static RatingOptions options(JsonNode node) {
        RatingOptions options = RatingOptions.DEFAULTS;
        if (node == null) {
            return options;
        }
        for (var field : node.properties()) {
            JsonNode v = field.getValue();
            options = switch (field.getKey()) {
                case "mu" -> options.withMu(v.asDouble());
                case "sigma" -> options.withSigma(v.asDouble());
                case "beta" -> options.withBeta(v.asDouble());
                case "kappa" -> options.withKappa(v.asDouble());
                case "tau" -> options.withTau(v.asDouble());
                case "limitSigma" -> options.withLimitSigma(v.asBoolean());
                case "balance" -> options.withBalance(v.asBoolean());
                default -> throw new IllegalStateException("unknown option " + field.getKey());
            };
        }
        return options;
    }

    private static List<List<Rating>> teams(JsonNode node) {
        List<List<Rating>> teams = new ArrayList<>();
        for (JsonNode team : node) {
            List<Rating> players = new ArrayList<>();
            for (JsonNode p : team) {
                players.add(new Rating(p.get("mu").asDouble(), p.get("sigma").asDouble()));
            }
            teams.add(List.copyOf(players));
        }
        return List.copyOf(teams);
    }

    private static int[] ranks(JsonNode node) {
        int[] ranks = new int[node.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = node.get(i).intValue();
        }
        return ranks;
    }
}
