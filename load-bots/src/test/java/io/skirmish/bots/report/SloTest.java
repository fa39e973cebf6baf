package io.skirmish.bots.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skirmish.kit.config.ConfigException;
import org.junit.jupiter.api.Test;

class SloTest {

    @Test
    void parsesLatencyThresholdsInMillisecondsOrSeconds() {
        assertThat(Slo.parse("rtt-p99=100ms")).isEqualTo(new Slo(Slo.Metric.RTT_P99, 100));
        assertThat(Slo.parse("ttm-p99=2s")).isEqualTo(new Slo(Slo.Metric.TTM_P99, 2000));
        assertThat(Slo.parse("RANK-P99=1.5s")).isEqualTo(new Slo(Slo.Metric.RANK_P99, 1500));
    }

    @Test
    void parsesErrorRateAsPercentOrFraction() {
        assertThat(Slo.parse("error-rate=1%").limit()).isEqualTo(0.01);
        assertThat(Slo.parse("error-rate=0.02").limit()).isEqualTo(0.02);
    }

    @Test
    void latencyAndErrorsAreUpperBoundsAndThroughputALowerBound() {
        assertThat(Slo.parse("rtt-p99=100ms").met(100)).isTrue();
        assertThat(Slo.parse("rtt-p99=100ms").met(100.5)).isFalse();
        assertThat(Slo.parse("error-rate=1%").met(0.011)).isFalse();
        assertThat(Slo.parse("matches-per-s=2").met(2.5)).isTrue();
        assertThat(Slo.parse("matches-per-s=2").met(1.9)).isFalse();
    }

    @Test
    void aRunWithoutSamplesMissesEveryThreshold() {
        assertThat(Slo.parse("rtt-p50=1s").met(Double.NaN)).isFalse();
    }

    @Test
    void describesItselfAsTyped() {
        assertThat(Slo.parse("rtt-p99=100ms").describe()).isEqualTo("rtt-p99<=100ms");
        assertThat(Slo.parse("error-rate=1%").describe()).isEqualTo("error-rate<=1.00%");
        assertThat(Slo.parse("matches-per-s=2").describe()).isEqualTo("matches-per-s>=2.00");
    }

    @Test
    void refusesUnknownMetricsAndBadValuesNamingThem() {
        assertThatThrownBy(() -> Slo.parse("latency=5ms")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("latency");
        assertThatThrownBy(() -> Slo.parse("rtt-p99=fast")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rtt-p99=fast");
        assertThatThrownBy(() -> Slo.parse("error-rate=-1%")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> Slo.parse("rtt-p99")).isInstanceOf(ConfigException.class);
    }
}
