package io.skirmish.match.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Game servers as a map of free player room per server and region, and each match's fate, with
 * the rules of {@link Allocator}'s script: a match goes to the server with the most room that
 * fits it, a match with a fate keeps it, an overdue match without one is aborted.
 */
final class InMemoryAllocations implements MatchmakerPorts.Allocations {

    private final Map<String, Map<String, Integer>> roomByRegion = new HashMap<>();
    final Map<String, Allocator.Placement> fates = new LinkedHashMap<>();
    final List<Allocator.Request> requests = new ArrayList<>();
    RuntimeException failure;

    void server(String region, String serverId, int room) {
        roomByRegion.computeIfAbsent(region, r -> new LinkedHashMap<>()).put(serverId, room);
    }

    @Override
    public List<Allocator.Placement> allocateAll(String region, List<Allocator.Request> batch, long nowMs) {
        if (failure != null) {
            throw failure;
        }
        requests.addAll(batch);
        Map<String, Integer> room = roomByRegion.getOrDefault(region, new HashMap<>());
        List<Allocator.Placement> out = new ArrayList<>();
        for (Allocator.Request request : batch) {
            String matchId = request.allocation().getMatchId();
            int players = request.allocation().getPlayersCount();
            Allocator.Placement fate = fates.get(matchId);
            if (fate == null) {
                String best = room.entrySet().stream().filter(e -> e.getValue() >= players)
                        .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
                if (best == null) {
                    out.add(new Allocator.Placement("no_server", "", "", 0, 0, ""));
                    continue;
                }
                room.merge(best, -players, Integer::sum);
                fate = placement(best, request.slots());
                fates.put(matchId, fate);
            }
            out.add(fate);
        }
        return out;
    }

    @Override
    public Allocator.Placement abortIfUnallocated(String matchId) {
        return fates.computeIfAbsent(matchId, id -> new Allocator.Placement("aborted", "", "", 0, 0, ""));
    }

    static Allocator.Placement placement(String serverId, String slots) {
        return new Allocator.Placement("allocated", serverId, serverId + ".test", 7000, 7001, slots);
    }
}
