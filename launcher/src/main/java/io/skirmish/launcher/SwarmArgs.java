package io.skirmish.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Merges the launcher's own swarm options with the user's {@code --swarm-arg}s: a user option
 * replaces the launcher's value of the same option, except the repeatable ones, which add to it.
 * Options are in {@code --name=value} form (a bare {@code --flag} is its own name).
 */
final class SwarmArgs {

    /** Options the swarm accepts many times: a user's value adds a threshold or a sampled service. */
    private static final Set<String> REPEATABLE = Set.of("--slo", "--service");

    private SwarmArgs() {
    }

    static List<String> merge(List<String> launcher, List<String> user) {
        List<String> merged = new ArrayList<>(launcher);
        for (String extra : user) {
            String option = extra.contains("=") ? extra.substring(0, extra.indexOf('=')) : extra;
            if (!REPEATABLE.contains(option)) {
                merged.removeIf(arg -> arg.equals(option) || arg.startsWith(option + "="));
            }
            merged.add(extra);
        }
        return merged;
    }
}
