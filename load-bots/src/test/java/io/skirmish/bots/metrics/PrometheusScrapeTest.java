package io.skirmish.bots.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    private static final String TEXT = """
            # HELP game_tick_duration_seconds tick duration over the last second
            # TYPE game_tick_duration_seconds gauge
            game_tick_duration_seconds{instance="a",percentile="50",service="game-server"} 0.0012
            game_tick_duration_seconds{instance="a",percentile="99",service="game-server"} 0.0042
            game_net_packets_rejected_total{instance="a",reason="bad_tag",service="game-server"} 3.0
            game_net_packets_rejected_total{instance="a",reason="duplicate",service="game-server"} 4.0
            game_matches{instance="a",service="game-server"} 12.0
            garbage line
            """;

    @Test
    void findsASeriesByNameAndLabel() {
        PrometheusScrape scrape = PrometheusScrape.parse(TEXT);
        assertThat(scrape.value("game_tick_duration_seconds", "percentile", "99")).isEqualTo(0.0042);
        assertThat(scrape.value("game_matches")).isEqualTo(12.0);
    }

    @Test
    void sumsEverySeriesOfANameWithoutLabelFilter() {
        assertThat(PrometheusScrape.parse(TEXT).value("game_net_packets_rejected_total")).isEqualTo(7.0);
    }

    @Test
    void listsTheValuesOfALabel() {
        assertThat(PrometheusScrape.parse(TEXT).labelValues("game_net_packets_rejected_total", "reason"))
                .containsExactly("bad_tag", "duplicate");
    }

    @Test
    void answersZeroForAnAbsentMetric() {
        assertThat(PrometheusScrape.parse(TEXT).value("nothing_here")).isZero();
    }
}
