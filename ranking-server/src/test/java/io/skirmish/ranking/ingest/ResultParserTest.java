package io.skirmish.ranking.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.ranking.store.Mode;
import org.junit.jupiter.api.Test;

class ResultParserTest {

    private final ResultParser parser = new ResultParser();

    private static MatchResult.Builder squad() {
        MatchResult.Builder result = MatchResult.newBuilder().setMatchId("m1").setMode(GameMode.GAME_MODE_SQUAD)
                .setEndedAtMs(1_795_000_000_000L).setWinnerTeam(2).setEndReason(EndReason.END_REASON_VICTORY);
        for (int i = 0; i < 6; i++) {
            int team = i < 3 ? 1 : 2;
            result.addPlayers(PlayerResult.newBuilder().setPlayerId("p" + i).setTeam(team).setPlacement(team == 2 ? 1 : 2)
                    .setKills(i));
        }
        return result;
    }

    private ResultParser.Parsed parse(MatchResult result) throws MalformedResultException {
        return parser.parse(fields(result.getMatchId(), result.toByteArray()));
    }

    @Test
    void groupsPlayersIntoTeamsWithTheirPlacementAndOutcome() throws Exception {
        RatedMatch match = ((ResultParser.Rate) parse(squad().build())).match();
        assertThat(match.mode()).isEqualTo(Mode.SQUAD);
        assertThat(match.teams()).hasSize(2);
        assertThat(match.ranks()).containsExactly(2, 1);
        assertThat(match.teams().get(1).players()).extracting(RatedMatch.Player::outcome)
                .containsOnly(RatedMatch.Outcome.WIN);
        assertThat(match.teams().get(0).players().get(2).kills()).isEqualTo(2);
    }

    @Test
    void winnerTeamZeroIsADrawForEveryone() throws Exception {
        MatchResult.Builder draw = squad().setWinnerTeam(0);
        for (int i = 0; i < 6; i++) {
            draw.setPlayers(i, draw.getPlayers(i).toBuilder().setPlacement(1));
        }
        RatedMatch match = ((ResultParser.Rate) parse(draw.build())).match();
        assertThat(match.ranks()).containsExactly(1, 1);
        assertThat(match.teams().get(0).players().get(0).outcome()).isEqualTo(RatedMatch.Outcome.DRAW);
    }

    @Test
    void playersWhoNeverConnectedAreNeitherRatedNorRanked() throws Exception {
        MatchResult.Builder result = squad();
        result.setPlayers(1, result.getPlayers(1).toBuilder().setNeverConnected(true));
        result.setPlayers(2, result.getPlayers(2).toBuilder().setNeverConnected(true));
        RatedMatch match = ((ResultParser.Rate) parse(result.build())).match();
        assertThat(match.teams().get(0).players()).extracting(RatedMatch.Player::playerId).containsExactly("p0");
        assertThat(match.teams().get(1).players()).hasSize(3);
    }

    @Test
    void aMatchWithoutAConnectedOpponentOrWinnerIsSkipped() throws Exception {
        MatchResult.Builder oneSide = squad();
        for (int i = 0; i < 3; i++) {
            oneSide.setPlayers(i, oneSide.getPlayers(i).toBuilder().setNeverConnected(true));
        }
        assertThat(parse(oneSide.build())).isInstanceOf(ResultParser.Skip.class);
        MatchResult.Builder absentWinner = squad().setWinnerTeam(2);
        for (int i = 3; i < 6; i++) {
            absentWinner.setPlayers(i, absentWinner.getPlayers(i).toBuilder().setNeverConnected(true));
        }
        assertThat(parse(absentWinner.build())).isInstanceOf(ResultParser.Skip.class);
    }

    @Test
    void abortedMatchesAreSkippedNotRated() throws Exception {
        assertThat(parse(squad().setEndReason(EndReason.END_REASON_ABORTED).build())).isInstanceOf(ResultParser.Skip.class);
    }

    @Test
    void refusesMalformedResultsWithAReason() {
        assertMalformed(squad().setMode(GameMode.GAME_MODE_UNSPECIFIED), "mode 0 is not rated");
        assertMalformed(squad().setPlayers(0, squad().getPlayers(0).toBuilder().setPlacement(1)), "team 1 has placements 1 and 2");
        assertMalformed(squad().setPlayers(1, squad().getPlayers(1).toBuilder().setPlayerId("p0")), "appears twice");
        assertMalformed(squad().setPlayers(1, squad().getPlayers(1).toBuilder().setPlayerId("a b")), "contains a space");
        assertMalformed(squad().setPlayers(1, squad().getPlayers(1).toBuilder().setTeam(0)), "team 0");
        assertMalformed(squad().setWinnerTeam(5), "winner_team 5");
        assertMalformed(squad().setEndedAtMs(0), "ended_at_ms");
        assertMalformed(squad().setMatchId(""), "match_id is empty");
    }

    @Test
    void refusesGarbageWrongVersionAndMismatchedIds() {
        assertThatThrownBy(() -> parser.parse(Map.of("v", EventStreams.bytes("1"), "id", EventStreams.bytes("x"),
                "result", new byte[] {(byte) 0xff, 1, 2}))).isInstanceOf(MalformedResultException.class)
                .hasMessageContaining("not a MatchResult");
        assertThatThrownBy(() -> parser.parse(Map.of("v", EventStreams.bytes("2"), "result", new byte[0])))
                .hasMessageContaining("unsupported record version");
        assertThatThrownBy(() -> parser.parse(fields("other", squad().build().toByteArray())))
                .hasMessageContaining("differs from match_id");
    }

    static Map<String, byte[]> fields(String matchId, byte[] result) {
        Map<String, byte[]> fields = new java.util.LinkedHashMap<>();
        EventStreams.resultFields(matchId, result).forEach((name, value) ->
                fields.put(new String(name, java.nio.charset.StandardCharsets.UTF_8), value));
        return fields;
    }

    private void assertMalformed(MatchResult.Builder result, String reason) {
        assertThatThrownBy(() -> parse(result.build())).isInstanceOf(MalformedResultException.class)
                .hasMessageContaining(reason);
    }
}
