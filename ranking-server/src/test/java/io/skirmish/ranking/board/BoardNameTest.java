package io.skirmish.ranking.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.protocol.ranking.v1.Period;
import io.skirmish.ranking.store.Mode;
import io.skirmish.ranking.store.RankingKeys;
import org.junit.jupiter.api.Test;

class BoardNameTest {

    @Test
    void parsesRatingAndCountingBoards() {
        assertThat(BoardName.parse("duel")).isEqualTo(new BoardName(Mode.DUEL, BoardName.Stat.RATING));
        assertThat(BoardName.parse("ffa.kills")).isEqualTo(new BoardName(Mode.FFA, BoardName.Stat.KILLS));
        assertThat(BoardName.parse("squad.wins").text()).isEqualTo("squad.wins");
    }

    @Test
    void refusesUnknownNames() {
        assertThat(BoardName.parse("chess")).isNull();
        assertThat(BoardName.parse("duel.")).isNull();
        assertThat(BoardName.parse("duel.rating")).isNull();
        assertThat(BoardName.parse("DUEL")).isNull();
        assertThat(BoardName.parse("")).isNull();
        assertThat(BoardName.parse("duel.wins" + "x".repeat(60))).isNull();
    }

    @Test
    void ratingBoardsExistPerSeasonOnly() {
        BoardName rating = BoardName.parse("duel");
        assertThat(rating.supports(BoardPeriod.SEASON)).isTrue();
        assertThat(rating.supports(BoardPeriod.DAILY)).isFalse();
        assertThat(BoardName.parse("duel.wins").supports(BoardPeriod.WEEKLY)).isTrue();
        assertThat(BoardPeriod.fromWire(Period.PERIOD_UNSPECIFIED)).isEqualTo(BoardPeriod.SEASON);
        assertThat(BoardPeriod.fromWire(Period.PERIOD_ALL_TIME)).isNull();
    }

    @Test
    void everyKeyCarriesTheRankingHashTag() {
        assertThat(RankingKeys.board(BoardName.parse("ffa.kills"), BoardPeriod.DAILY, "2026-11-25"))
                .isEqualTo("skirmish:{rk}:lb:ffa.kills:daily:2026-11-25");
        assertThat(RankingKeys.rating(Mode.DUEL, "alice")).isEqualTo("skirmish:{rk}:rating:duel:alice");
        assertThat(RankingKeys.boardRatings(Mode.SQUAD, "s1")).isEqualTo("skirmish:{rk}:lb:squad:season:s1:ratings");
        assertThat(RankingKeys.applied("m1")).startsWith("skirmish:{rk}:");
    }
}
