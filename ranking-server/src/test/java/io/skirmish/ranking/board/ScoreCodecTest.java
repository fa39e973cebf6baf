package io.skirmish.ranking.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ScoreCodecTest {

    private static final long T = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();

    @Test
    void higherValueRanksFirstWhateverTheTime() {
        assertThat(ScoreCodec.encode(1001, T + 86_400_000L)).isGreaterThan(ScoreCodec.encode(1000, T));
        assertThat(ScoreCodec.encode(1, ScoreCodec.EPOCH_MS + (ScoreCodec.MAX_TIME_S - 1) * 1000))
                .isGreaterThan(ScoreCodec.encode(0, ScoreCodec.EPOCH_MS));
    }

    @Test
    void equalValueReachedEarlierRanksFirst() {
        assertThat(ScoreCodec.encode(1500, T)).isGreaterThan(ScoreCodec.encode(1500, T + 1_000));
        // within one second the scores are equal; Redis then orders by member
        assertThat(ScoreCodec.encode(1500, T)).isEqualTo(ScoreCodec.encode(1500, T + 999));
    }

    @Test
    void decodesValueAndTimeExactly() {
        double score = ScoreCodec.encode(2_345, T + 123);
        assertThat(ScoreCodec.value(score)).isEqualTo(2_345);
        assertThat(ScoreCodec.achievedAtMs(score)).isEqualTo(T);
    }

    @Test
    void largestScoreStaysBelowTwoToThe53AndExact() {
        double max = ScoreCodec.encode(ScoreCodec.MAX_VALUE, ScoreCodec.EPOCH_MS);
        assertThat(max).isEqualTo(Math.pow(2, 53) - 1);
        assertThat((long) max).isEqualTo((1L << 53) - 1);
        assertThat(max - 1).isNotEqualTo(max);
        assertThat(ScoreCodec.value(max)).isEqualTo(ScoreCodec.MAX_VALUE);
    }

    @Test
    void clampsValuesAndTimesOutsideTheLayout() {
        assertThat(ScoreCodec.value(ScoreCodec.encode(ScoreCodec.MAX_VALUE + 10, T))).isEqualTo(ScoreCodec.MAX_VALUE);
        assertThat(ScoreCodec.value(ScoreCodec.encode(-5, T))).isZero();
        assertThat(ScoreCodec.timePart(ScoreCodec.EPOCH_MS - 10_000)).isEqualTo(ScoreCodec.MAX_TIME_S);
        assertThat(ScoreCodec.timePart(Long.MAX_VALUE / 2)).isZero();
    }

    @Test
    void scoreTextRoundTripsThroughRedisFormatting() {
        // Redis prints scores with %.17g; the value must survive the text form.
        double score = ScoreCodec.encode(1_999_999, T);
        assertThat(Double.parseDouble(String.format("%.17g", score))).isEqualTo(score);
        assertThat(String.format("%.0f", score)).isEqualTo(Long.toString((long) score));
    }
}
