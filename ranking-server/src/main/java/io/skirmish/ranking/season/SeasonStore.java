package io.skirmish.ranking.season;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.ranking.store.RankingScripts;
import redis.clients.jedis.UnifiedJedis;

/**
 * The season catalogue in Redis: which season runs, and each season's definition. Definitions
 * never change once written, so they are cached by id; the running season is read from Redis
 * on every call (the apply script checks it again, so a season switch can never be missed).
 * Thread-safe.
 */
public final class SeasonStore {

    private final UnifiedJedis redis;
    private final Map<String, SeasonInfo> definitions = new ConcurrentHashMap<>();

    public SeasonStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** The running season id, or {@code null} before the first season starts. */
    public String currentId() {
        return redis.get(RankingKeys.currentSeason());
    }

    /** The definition of {@code id}, or {@code null} when there is no such season. */
    public SeasonInfo info(String id) {
        SeasonInfo cached = definitions.get(id);
        if (cached != null) {
            return cached;
        }
        Map<String, String> fields = redis.hgetAll(RankingKeys.seasonDefinition(id));
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        SeasonInfo info = SeasonInfo.fromFields(fields);
        definitions.put(id, info);
        return info;
    }

    /** Every season id, oldest first. */
    public List<String> ids() {
        return new ArrayList<>(redis.zrange(RankingKeys.seasons(), 0, -1));
    }

    /** Result of {@link #start}. */
    public record StartResult(boolean started, String previousOrCurrent) {
    }

    /**
     * Starts {@code season} as the running one: results applied from now on go to it, and a
     * player's first result in it starts from the soft reset of their latest rating. Atomic with
     * the apply script (same slot). Refused when a season with that id already exists.
     */
    public StartResult start(SeasonInfo season) {
        Map<String, String> fields = new LinkedHashMap<>(season.toFields());
        fields.remove("previous");
        List<String> args = new ArrayList<>();
        args.add(season.id());
        args.add(Long.toString(season.startedMs()));
        fields.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        List<?> reply = (List<?>) RankingScripts.START_SEASON.run(redis, List.of(RankingKeys.currentSeason(),
                RankingKeys.seasons(), RankingKeys.seasonDefinition(season.id())), args);
        return new StartResult("ok".equals(String.valueOf(reply.get(0))), String.valueOf(reply.get(1)));
    }

    /** Starts {@code initial} when no season runs yet (first start of a fresh installation). */
    public String ensureStarted(SeasonInfo initial) {
        String current = currentId();
        if (current != null) {
            return current;
        }
        start(initial);
        return currentId();
    }
}
