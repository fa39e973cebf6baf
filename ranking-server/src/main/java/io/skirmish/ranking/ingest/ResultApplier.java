package io.skirmish.ranking.ingest;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.skirmish.ranking.board.BoardPeriod;
import io.skirmish.ranking.board.Periods;
import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.ranking.rating.Rating;
import io.skirmish.ranking.season.SeasonInfo;
import io.skirmish.ranking.season.SeasonStore;
import io.skirmish.ranking.store.Commit;
import io.skirmish.ranking.store.CommitOutcome;
import io.skirmish.ranking.store.MatchSnapshot;
import io.skirmish.ranking.store.RankingKeys;
import io.skirmish.ranking.store.RatingStore;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Applies results exactly once with optimistic concurrency: read the players' ratings (one
 * pipelined round trip for the batch), rate in Java, then commit each result with a script that
 * refuses when the match was applied already (duplicate), the season changed, or any player's
 * version changed since the read (another consumer got there first). Refused results are read
 * and rated again, up to {@code maxAttempts} rounds; what is still refused is deferred (left
 * unacknowledged, so it is retried later).
 *
 * <p>Results of one batch that share a player are rated in stream order on top of each other
 * (an overlay of the batch's own writes). Each commit expects the version token of the attempt
 * it was computed on, so if an earlier result of the batch is refused, every later one computed
 * from it is refused too, and nothing is ever written from a stale input. Consequently the
 * ratings in Redis always equal an in-memory replay of the applied results in commit order
 * (the {@code seq} of their markers).
 *
 * <p>Not thread-safe: one per consumer thread.
 */
public final class ResultApplier {

    private final RatingStore store;
    private final SeasonStore seasons;
    private final PlackettLuce engine;
    private final InstantSource clock;
    private final Duration dailyRetention;
    private final Duration weeklyRetention;
    private final int maxAttempts;
    private final String tokenPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".";
    private final AtomicLong tokens = new AtomicLong();
    private long conflicts;

    public ResultApplier(RatingStore store, SeasonStore seasons, PlackettLuce engine, InstantSource clock,
                         Duration dailyRetention, Duration weeklyRetention, int maxAttempts) {
        this.store = store;
        this.seasons = seasons;
        this.engine = engine;
        this.clock = clock;
        this.dailyRetention = dailyRetention;
        this.weeklyRetention = weeklyRetention;
        this.maxAttempts = maxAttempts;
    }

    /** What happened to one result. */
    public sealed interface Outcome {
    }

    /** Committed now; {@code seq} is its place in the commit order. */
    public record Applied(long seq, RatingChanges changes) implements Outcome {
    }

    /** Applied before (by this or another consumer); {@code changes} re-emit its events, null when unknown. */
    public record Duplicate(RatingChanges changes) implements Outcome {
    }

    /** Not applied yet (contention or no season): leave it pending. */
    public record Deferred(String reason) implements Outcome {
    }

    /** Can never be applied: dead-letter it. */
    public record Rejected(String category, String reason) implements Outcome {
    }

    /** Refused commits so far (each was read and rated again). */
    public long conflicts() {
        return conflicts;
    }

    /** Applies {@code matches} in order; the outcomes are in the same order. */
    public List<Outcome> apply(List<RatedMatch> matches) {
        Outcome[] outcomes = new Outcome[matches.size()];
        List<Integer> todo = new ArrayList<>(matches.size());
        Map<String, Integer> firstByMatch = new HashMap<>();
        for (int i = 0; i < matches.size(); i++) {
            if (firstByMatch.putIfAbsent(matches.get(i).matchId(), i) == null) {
                todo.add(i);
            } else {
                // Delivered twice in one batch: the first occurrence applies it and writes its events.
                outcomes[i] = new Duplicate(null);
            }
        }
        for (int attempt = 1; attempt <= maxAttempts && !todo.isEmpty(); attempt++) {
            if (attempt > 1) {
                // Brief randomized pause so racing consumers stop colliding on the same players.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000L << Math.min(attempt, 6)));
            }
            try {
                todo = round(matches, todo, outcomes);
            } catch (JedisNoScriptException e) {
                store.loadScripts();
            }
            conflicts += todo.size();
        }
        for (int index : todo) {
            outcomes[index] = new Deferred("still conflicting after " + maxAttempts + " attempts");
        }
        return List.of(outcomes);
    }

    /** One read-rate-commit round over {@code todo}; returns the indexes to try again. */
    private List<Integer> round(List<RatedMatch> matches, List<Integer> todo, Outcome[] outcomes) {
        List<RatedMatch> batch = new ArrayList<>(todo.size());
        for (int index : todo) {
            batch.add(matches.get(index));
        }
        List<MatchSnapshot> snapshots = store.snapshot(batch);
        Map<String, MatchSnapshot.PlayerState> overlay = new HashMap<>();
        List<Commit> commits = new ArrayList<>(todo.size());
        List<Integer> committed = new ArrayList<>(todo.size());
        List<RatingChanges> changes = new ArrayList<>(todo.size());
        long nowMs = clock.millis();
        for (int k = 0; k < todo.size(); k++) {
            int index = todo.get(k);
            RatedMatch match = batch.get(k);
            MatchSnapshot snapshot = snapshots.get(k);
            if (snapshot.applied()) {
                outcomes[index] = new Duplicate(RatingChanges.fromMarker(match.matchId(), snapshot.marker()));
                continue;
            }
            if (snapshot.currentSeason().isEmpty()) {
                outcomes[index] = new Deferred("no season started");
                continue;
            }
            SeasonInfo season = seasons.info(snapshot.currentSeason());
            if (season == null) {
                outcomes[index] = new Deferred("season '" + snapshot.currentSeason() + "' has no definition");
                continue;
            }
            Planned planned;
            try {
                planned = plan(match, snapshot, season, overlay, nowMs);
            } catch (IllegalArgumentException e) {
                outcomes[index] = new Rejected("rating", e.getMessage());
                continue;
            }
            commits.add(planned.commit());
            committed.add(index);
            changes.add(planned.changes());
        }
        if (commits.isEmpty()) {
            return List.of();
        }
        List<CommitOutcome> results = store.commit(commits, nowMs);
        List<Integer> retry = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            int index = committed.get(k);
            CommitOutcome result = results.get(k);
            if (result instanceof CommitOutcome.Applied applied) {
                outcomes[index] = new Applied(applied.seq(), changes.get(k));
            } else if (result instanceof CommitOutcome.Duplicate duplicate) {
                outcomes[index] = new Duplicate(RatingChanges.fromMarker(matches.get(index).matchId(), duplicate.marker()));
            } else {
                retry.add(index);
            }
        }
        return retry;
    }

    private record Planned(Commit commit, RatingChanges changes) {
    }

    private Planned plan(RatedMatch match, MatchSnapshot snapshot, SeasonInfo season,
                         Map<String, MatchSnapshot.PlayerState> overlay, long nowMs) {
        String seasonId = season.id();
        List<List<Rating>> teams = new ArrayList<>(match.teams().size());
        List<String> keys = new ArrayList<>(match.playerCount());
        List<String> versions = new ArrayList<>(match.playerCount());
        int p = 0;
        for (RatedMatch.Team team : match.teams()) {
            List<Rating> ratings = new ArrayList<>(team.players().size());
            for (RatedMatch.Player player : team.players()) {
                String key = RankingKeys.rating(match.mode(), player.playerId());
                MatchSnapshot.PlayerState state = overlay.getOrDefault(key, snapshot.players().get(p++));
                ratings.add(before(state, season, player.playerId()));
                keys.add(key);
                versions.add(state.version());
            }
            teams.add(ratings);
        }
        List<List<Rating>> rated = engine.rate(teams, match.ranks());
        String token = tokenPrefix + Long.toHexString(tokens.incrementAndGet());
        List<Commit.PlayerWrite> writes = new ArrayList<>(keys.size());
        List<RatingChanges.Change> changes = new ArrayList<>(keys.size());
        p = 0;
        for (int t = 0; t < rated.size(); t++) {
            RatedMatch.Team team = match.teams().get(t);
            for (int i = 0; i < team.players().size(); i++, p++) {
                RatedMatch.Player player = team.players().get(i);
                Rating after = rated.get(t).get(i);
                writes.add(new Commit.PlayerWrite(player.playerId(), versions.get(p), after,
                        player.outcome().field(), player.kills()));
                changes.add(new RatingChanges.Change(player.playerId(), teams.get(t).get(i), after));
                overlay.put(keys.get(p), new MatchSnapshot.PlayerState(Double.toString(after.mu()),
                        Double.toString(after.sigma()), seasonId, token));
            }
        }
        RatingChanges ratingChanges = new RatingChanges(match.matchId(), match.mode().keyName(), seasonId,
                match.endedAtMs(), changes);
        long ended = match.endedAtMs();
        String day = Periods.dailyKey(ended);
        long dayExpireMs = Periods.endMs(BoardPeriod.DAILY, day) + dailyRetention.toMillis();
        String week = Periods.weeklyKey(ended);
        long weekExpireMs = Periods.endMs(BoardPeriod.WEEKLY, week) + weeklyRetention.toMillis();
        // A result older than a board's retention must not bring the expired board back.
        Commit commit = new Commit(match.matchId(), match.mode(), seasonId, token, ended,
                dayExpireMs > nowMs ? day : null, Math.floorDiv(dayExpireMs, 1000),
                weekExpireMs > nowMs ? week : null, Math.floorDiv(weekExpireMs, 1000),
                writes, ratingChanges.payload());
        return new Planned(commit, ratingChanges);
    }

    /** The rating a player enters the match with: stored, soft-reset into a new season, or new. */
    private Rating before(MatchSnapshot.PlayerState state, SeasonInfo season, String playerId) {
        if (!state.exists()) {
            return engine.options().newRating();
        }
        Rating stored;
        try {
            stored = new Rating(Double.parseDouble(state.mu()), Double.parseDouble(state.sigma()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stored rating of '" + playerId + "' is unreadable: mu="
                    + state.mu() + " sigma=" + state.sigma());
        }
        return state.season().equals(season.id()) ? stored : season.reset().apply(stored);
    }
}
