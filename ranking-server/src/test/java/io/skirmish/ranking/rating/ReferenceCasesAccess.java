package io.skirmish.ranking.rating;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Opens {@link ReferenceCases} to tests in other packages (the CLI tests). */
public final class ReferenceCasesAccess {

    /** One reference case: its name, the raw JSON and openskill's result. */
    public record Case(String name, JsonNode json, List<List<Rating>> expected) {
    }

    private ReferenceCasesAccess() {
    }

    public static List<Case> all() {
        return ReferenceCases.load().stream().map(c -> new Case(c.name(), c.json(), c.expected())).toList();
    }
}
