package io.skirmish.match.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.protocol.match.v1.ServerMessage;
import org.junit.jupiter.api.Test;

class AbortedMatchRecordTest {

    private static final LostMatch SQUAD = new LostMatch("m-1", "gs-a", "ann=0,bob=0,cid=0,dan=1,eve=1,fay=1",
            "squad|eu|t-party,squad|eu|t-dan,squad|eu|t-eve,squad|eu|t-fay", "server_lost");

    @Test
    void resultIsAbortedWithEveryPlayerOnItsTeamAndNoWinner() {
        MatchResult result = new AbortedMatchRecord(SQUAD).result(1_700_000_000_000L);

        assertThat(result.getMatchId()).isEqualTo("m-1");
        assertThat(result.getEndReason()).isEqualTo(EndReason.END_REASON_ABORTED);
        assertThat(result.getMode()).isEqualTo(GameMode.GAME_MODE_SQUAD);
        assertThat(result.getWinnerTeam()).isZero();
        assertThat(result.getEndedAtMs()).isEqualTo(1_700_000_000_000L);
        assertThat(result.getPlayersList()).extracting(PlayerResult::getPlayerId, PlayerResult::getTeam)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", 1), org.assertj.core.groups.Tuple.tuple("bob", 1),
                        org.assertj.core.groups.Tuple.tuple("cid", 1), org.assertj.core.groups.Tuple.tuple("dan", 2),
                        org.assertj.core.groups.Tuple.tuple("eve", 2), org.assertj.core.groups.Tuple.tuple("fay", 2));
    }

    @Test
    void noticeSaysWhyAndWhetherTheTicketIsBackInItsQueue() {
        ServerMessage requeued = new AbortedMatchRecord(SQUAD).notice(true);
        ServerMessage notRequeued = new AbortedMatchRecord(SQUAD).notice(false);

        assertThat(requeued.getMatchAborted().getMatchId()).isEqualTo("m-1");
        assertThat(requeued.getMatchAborted().getReason()).isEqualTo("game server lost");
        assertThat(requeued.getMatchAborted().getRequeued()).isTrue();
        assertThat(requeued.getMatchAborted().getMode()).isEqualTo(GameMode.GAME_MODE_SQUAD);
        assertThat(requeued.getMatchAborted().getRegion()).isEqualTo("eu");
        assertThat(notRequeued.getMatchAborted().getRequeued()).isFalse();
    }

    @Test
    void eventIdIsPerMatchSoARepeatedAbortIsOneDocument() {
        AbortedMatchRecord record = new AbortedMatchRecord(SQUAD);

        assertThat(record.event(1L, 6).eventId()).isEqualTo(record.event(2L, 4).eventId())
                .isEqualTo("match_aborted:m-1");
    }

    @Test
    void aRecordWithoutTicketsStillNamesEveryPlayer() {
        AbortedMatchRecord record = new AbortedMatchRecord(new LostMatch("m-2", "gs-a", "x=0,y=1", "", "server_lost"));

        assertThat(record.players()).containsExactly("x", "y");
        assertThat(record.result(5L).getMode()).isEqualTo(GameMode.GAME_MODE_UNSPECIFIED);
    }
}
