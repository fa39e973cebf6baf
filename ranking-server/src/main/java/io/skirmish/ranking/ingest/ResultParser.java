package io.skirmish.ranking.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.ranking.store.Mode;

/**
 * Turns one {@code skirmish:results} entry (fields {@code id}, {@code v}, {@code result}; see
 * {@code docs/architecture.md}) into a {@link RatedMatch}, or says why it never can be.
 * Untrusted input: every field is checked and bounded. Pure and thread-safe.
 */
public final class ResultParser {

    public static final int MAX_RESULT_BYTES = 64 * 1024;
    public static final int MAX_PLAYERS = 64;
    public static final int MAX_ID_BYTES = 128;
    private static final int RECURSION_LIMIT = 16;

    /** Outcome of parsing: a match to rate, or nothing to do (an aborted match). */
    public sealed interface Parsed permits Rate, Skip {
    }

    public record Rate(RatedMatch match) implements Parsed {
    }

    /** A valid result that does not count for ranking, e.g. an aborted match. */
    public record Skip(String matchId, String reason) implements Parsed {
    }

    public Parsed parse(Map<String, byte[]> fields) throws MalformedResultException {
        String version = text(fields.get(EventStreams.FIELD_VERSION));
        if (!EventStreams.RESULT_VERSION.equals(version)) {
            throw new MalformedResultException("version", "unsupported record version v=" + version);
        }
        String entryMatchId = text(fields.get(EventStreams.FIELD_ID));
        byte[] bytes = fields.get(EventStreams.FIELD_RESULT);
        if (bytes == null) {
            throw new MalformedResultException("parse", "no 'result' field");
        }
        if (bytes.length > MAX_RESULT_BYTES) {
            throw new MalformedResultException("parse", "result of " + bytes.length + " bytes exceeds " + MAX_RESULT_BYTES);
        }
        MatchResult result;
        try {
            CodedInputStream input = CodedInputStream.newInstance(bytes);
            input.setRecursionLimit(RECURSION_LIMIT);
            input.setSizeLimit(MAX_RESULT_BYTES);
            result = MatchResult.parseFrom(input);
            input.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedResultException("parse", "result is not a MatchResult: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new MalformedResultException("parse", "result is not a MatchResult: " + e.getMessage());
        }
        String matchId = checkId("match_id", result.getMatchId());
        if (entryMatchId != null && !entryMatchId.equals(matchId)) {
            throw new MalformedResultException("field", "entry id '" + entryMatchId + "' differs from match_id '" + matchId + "'");
        }
        if (result.getEndReason() == EndReason.END_REASON_ABORTED) {
            return new Skip(matchId, "aborted");
        }
        Mode mode = Mode.fromWire(result.getMode());
        if (mode == null) {
            throw new MalformedResultException("field", "mode " + result.getModeValue() + " is not rated");
        }
        int count = result.getPlayersCount();
        if (count < 2 || count > MAX_PLAYERS) {
            throw new MalformedResultException("field", count + " players, expected 2.." + MAX_PLAYERS);
        }
        int winner = result.getWinnerTeam();
        Map<Integer, List<RatedMatch.Player>> byTeam = new TreeMap<>();
        Map<Integer, Integer> placements = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        int absent = 0;
        for (PlayerResult player : result.getPlayersList()) {
            String playerId = checkId("player_id", player.getPlayerId());
            if (!seen.add(playerId)) {
                throw new MalformedResultException("field", "player '" + playerId + "' appears twice");
            }
            int team = player.getTeam();
            if (team < 1 || team > MAX_PLAYERS) {
                throw new MalformedResultException("field", "player '" + playerId + "' has team " + team + ", expected 1.." + MAX_PLAYERS);
            }
            int placement = player.getPlacement();
            if (placement < 1 || placement > MAX_PLAYERS) {
                throw new MalformedResultException("field", "player '" + playerId + "' has placement " + placement
                        + ", expected 1.." + MAX_PLAYERS);
            }
            Integer teamPlacement = placements.putIfAbsent(team, placement);
            if (teamPlacement != null && teamPlacement != placement) {
                throw new MalformedResultException("field", "team " + team + " has placements " + teamPlacement
                        + " and " + placement);
            }
            if (player.getNeverConnected()) {
                // Its slot stayed empty: it neither played nor (perhaps) agreed to. Not rated.
                absent++;
                continue;
            }
            RatedMatch.Outcome outcome = winner == 0 ? RatedMatch.Outcome.DRAW
                    : winner == team ? RatedMatch.Outcome.WIN : RatedMatch.Outcome.LOSS;
            byTeam.computeIfAbsent(team, key -> new ArrayList<>())
                    .add(new RatedMatch.Player(playerId, outcome, player.getKills()));
        }
        if (byTeam.size() < 2 && absent > 0) {
            return new Skip(matchId, "no_opponent_connected");
        }
        if (byTeam.size() < 2) {
            throw new MalformedResultException("field", "all players are on team " + byTeam.keySet().iterator().next());
        }
        if (winner != 0 && !byTeam.containsKey(winner) && placements.containsKey(winner)) {
            return new Skip(matchId, "winner_never_connected"); // nobody present beat anybody
        }
        if (winner != 0 && !byTeam.containsKey(winner)) {
            throw new MalformedResultException("field", "winner_team " + winner + " has no players");
        }
        List<RatedMatch.Team> teams = new ArrayList<>();
        byTeam.forEach((team, players) -> teams.add(new RatedMatch.Team(team, placements.get(team), players)));
        long endedAtMs = result.getEndedAtMs();
        if (endedAtMs <= 0 || endedAtMs > 4_102_444_800_000L) {
            throw new MalformedResultException("field", "ended_at_ms " + Long.toUnsignedString(endedAtMs)
                    + " is not a time between 1970 and 2100");
        }
        return new Rate(new RatedMatch(matchId, mode, endedAtMs, teams));
    }

    /** Ids go into keys, board members and event payloads: printable, no spaces, bounded. */
    private static String checkId(String field, String id) throws MalformedResultException {
        if (id.isEmpty()) {
            throw new MalformedResultException("field", field + " is empty");
        }
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_ID_BYTES) {
            throw new MalformedResultException("field", field + " of " + utf8.length + " bytes exceeds " + MAX_ID_BYTES);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '|' || c == ';' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new MalformedResultException("field", field + " '" + id.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a space, control character, '|' or ';'");
            }
        }
        return id;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
