package io.skirmish.match.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class RulesFixtures {

    private RulesFixtures() {
    }

    static Candidate solo(String id, double mu, long enqueuedMs) {
        return new Candidate(id, "eu", List.of(id), new Skill(mu, 8), enqueuedMs, Map.of());
    }

    static Candidate party(String id, double mu, long enqueuedMs, int size) {
        List<String> players = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            players.add(id + "-" + i);
        }
        return new Candidate(id, "eu", players, new Skill(mu, 8), enqueuedMs, Map.of());
    }

    static Candidate inRegion(String id, String region, double mu, long enqueuedMs, Map<String, Integer> rtt) {
        return new Candidate(id, region, List.of(id), new Skill(mu, 8), enqueuedMs, rtt);
    }
}
