package io.skirmish.ranking.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.skirmish.protocol.ranking.v1.Entry;
import org.junit.jupiter.api.Test;

/** Reply rows to entries, and the fast double parser giving exactly the JDK's doubles. */
class RowsTest {

    @Test
    void theFastParserGivesTheJdksDoubleForEveryRenderingWeStore() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double value = random.nextDouble(-10, 60) * Math.pow(10, random.nextInt(-3, 4));
            for (String text : List.of(Double.toString(value), String.format(Locale.ROOT, "%.17g", value),
                    String.format(Locale.ROOT, "%.0f", Math.abs(value) * 4_294_967_296.0))) {
                assertThat(Rows.parseDouble(text)).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
    }

    @Test
    void anEntryCarriesRankScoreValueAndRating() {
        double score = ScoreCodec.encode(1_234, ScoreCodec.EPOCH_MS + 5_000);
        Entry entry = Rows.entry(0, "p1".getBytes(StandardCharsets.UTF_8),
                String.format(Locale.ROOT, "%.0f", score).getBytes(StandardCharsets.UTF_8),
                "27.123456789012345 7.9876543210987654".getBytes(StandardCharsets.UTF_8));

        assertThat(entry.getRank()).isEqualTo(1);
        assertThat(entry.getPlayerId()).isEqualTo("p1");
        assertThat(entry.getScore()).isEqualTo(1_234);
        assertThat(entry.getRating().getMu()).isEqualTo(27.123456789012345);
        assertThat(entry.getRating().getSigma()).isEqualTo(7.9876543210987654);
    }

    @Test
    void aRatingThatIsNotTwoNumbersIsLeftOut() {
        assertThat(Rows.entry(4, "p", "1", "25.0").hasRating()).isFalse();
        assertThat(Rows.entry(4, "p", "1", "25.0 8.3 1").hasRating()).isFalse();
        assertThat(Rows.entry(4, "p", "1", null).hasRating()).isFalse();
    }
}
