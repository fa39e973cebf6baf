package io.skirmish.ranking.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.skirmish.ranking.board.BoardName;
import io.skirmish.ranking.board.BoardPeriod;
import io.skirmish.ranking.board.ScoreCodec;
import io.skirmish.ranking.ingest.RatedMatch;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The write side of ranking in Redis: reads what a batch of results needs in one pipelined
 * round trip ({@link RankingScripts#SNAPSHOT}), and commits a batch the same way
 * ({@link RankingScripts#APPLY}: one atomic script per result). Works on a single node and on
 * a cluster (every key in the {@code {rk}} slot). Thread-safe: holds no state of its own.
 */
public final class RatingStore {

    private final UnifiedJedis redis;
    private final long appliedTtlSeconds;

    public RatingStore(UnifiedJedis redis, Duration appliedTtl) {
        this.redis = redis;
        this.appliedTtlSeconds = Math.max(1, appliedTtl.toSeconds());
    }

    /** Loads the scripts (again after a Redis restart: a pipelined EVALSHA cannot fall back). */
    public void loadScripts() {
        RankingScripts.SNAPSHOT.load(redis);
        RankingScripts.APPLY.load(redis);
    }

    public List<MatchSnapshot> snapshot(List<RatedMatch> matches) {
        List<Response<Object>> responses = new ArrayList<>(matches.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (RatedMatch match : matches) {
                List<String> keys = new ArrayList<>(2 + match.playerCount());
                keys.add(RankingKeys.applied(match.matchId()));
                keys.add(RankingKeys.currentSeason());
                for (RatedMatch.Team team : match.teams()) {
                    for (RatedMatch.Player player : team.players()) {
                        keys.add(RankingKeys.rating(match.mode(), player.playerId()));
                    }
                }
                responses.add(RankingScripts.SNAPSHOT.queueBySha(pipeline, keys, List.of()));
            }
            pipeline.sync();
        }
        List<MatchSnapshot> snapshots = new ArrayList<>(matches.size());
        for (Response<Object> response : responses) {
            List<?> reply = (List<?>) getOrReload(response);
            List<MatchSnapshot.PlayerState> players = new ArrayList<>((reply.size() - 2) / 4);
            for (int i = 2; i + 3 < reply.size(); i += 4) {
                String mu = text(reply.get(i));
                players.add(mu.isEmpty() ? MatchSnapshot.PlayerState.ABSENT : new MatchSnapshot.PlayerState(mu,
                        text(reply.get(i + 1)), text(reply.get(i + 2)), text(reply.get(i + 3))));
            }
            snapshots.add(new MatchSnapshot(text(reply.get(0)), text(reply.get(1)), players));
        }
        return snapshots;
    }

    public List<CommitOutcome> commit(List<Commit> commits, long nowMs) {
        List<Response<Object>> responses = new ArrayList<>(commits.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Commit commit : commits) {
                responses.add(RankingScripts.APPLY.queueBySha(pipeline, keys(commit), args(commit, nowMs)));
            }
            pipeline.sync();
        }
        List<CommitOutcome> outcomes = new ArrayList<>(commits.size());
        for (Response<Object> response : responses) {
            List<?> reply;
            try {
                reply = (List<?>) response.get();
            } catch (JedisNoScriptException e) {
                loadScripts();
                outcomes.add(new CommitOutcome.Retry("script reloaded"));
                continue;
            }
            String status = text(reply.get(0));
            String value = text(reply.get(1));
            outcomes.add(switch (status) {
                case "ok" -> new CommitOutcome.Applied(Long.parseLong(value));
                case "dup" -> new CommitOutcome.Duplicate(value);
                case "season" -> new CommitOutcome.Retry("season changed to '" + value + "'");
                case "conflict" -> new CommitOutcome.Retry("player " + value + " changed");
                default -> throw new JedisDataException("apply script answered " + status);
            });
        }
        return outcomes;
    }

    private static List<String> keys(Commit commit) {
        Mode mode = commit.mode();
        String season = commit.seasonId();
        BoardName wins = new BoardName(mode, BoardName.Stat.WINS);
        BoardName kills = new BoardName(mode, BoardName.Stat.KILLS);
        // An expired period's key is still passed (unused) so the key count stays fixed.
        String day = commit.dailyKey() == null ? "expired" : commit.dailyKey();
        String week = commit.weeklyKey() == null ? "expired" : commit.weeklyKey();
        List<String> keys = new ArrayList<>(RankingScripts.APPLY_FIXED_KEYS + commit.players().size());
        keys.add(RankingKeys.applied(commit.matchId()));
        keys.add(RankingKeys.currentSeason());
        keys.add(RankingKeys.sequence());
        keys.add(RankingKeys.counters());
        keys.add(RankingKeys.board(new BoardName(mode, BoardName.Stat.RATING), BoardPeriod.SEASON, season));
        keys.add(RankingKeys.boardRatings(mode, season));
        keys.add(RankingKeys.board(wins, BoardPeriod.SEASON, season));
        keys.add(RankingKeys.board(wins, BoardPeriod.DAILY, day));
        keys.add(RankingKeys.board(wins, BoardPeriod.WEEKLY, week));
        keys.add(RankingKeys.board(kills, BoardPeriod.SEASON, season));
        keys.add(RankingKeys.board(kills, BoardPeriod.DAILY, day));
        keys.add(RankingKeys.board(kills, BoardPeriod.WEEKLY, week));
        for (Commit.PlayerWrite player : commit.players()) {
            keys.add(RankingKeys.rating(mode, player.playerId()));
        }
        return keys;
    }

    private List<String> args(Commit commit, long nowMs) {
        List<String> args = new ArrayList<>(RankingScripts.APPLY_FIXED_ARGS
                + RankingScripts.APPLY_PLAYER_ARGS * commit.players().size());
        args.add(commit.matchId());
        args.add(commit.seasonId());
        args.add(commit.versionToken());
        args.add(Long.toString(ScoreCodec.timePart(commit.achievedAtMs())));
        args.add(Long.toString(commit.dailyKey() == null ? -1 : commit.dailyExpireAtS()));
        args.add(Long.toString(commit.weeklyKey() == null ? -1 : commit.weeklyExpireAtS()));
        args.add(Long.toString(appliedTtlSeconds));
        args.add(Long.toString(nowMs));
        args.add(commit.mode().keyName());
        args.add(Integer.toString(commit.players().size()));
        args.add(commit.eventPayload());
        for (Commit.PlayerWrite player : commit.players()) {
            args.add(player.playerId());
            args.add(player.expectedVersion());
            args.add(Double.toString(player.after().mu()));
            args.add(Double.toString(player.after().sigma()));
            args.add(Long.toString(ScoreCodec.clampValue(player.after().display())));
            args.add(player.outcomeField());
            args.add(Integer.toString(player.kills()));
        }
        return args;
    }

    private Object getOrReload(Response<Object> response) {
        try {
            return response.get();
        } catch (JedisNoScriptException e) {
            loadScripts();
            throw e;
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
