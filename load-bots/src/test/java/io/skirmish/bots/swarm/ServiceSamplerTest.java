package io.skirmish.bots.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.skirmish.bots.metrics.ServiceProbe;
import io.skirmish.bots.report.ServiceFigures;
import org.junit.jupiter.api.Test;

class ServiceSamplerTest {

    /** A probe that answers from a script of samples. */
    private static ServiceProbe scripted(String name, ServiceProbe.Sample... samples) {
        Deque<ServiceProbe.Sample> script = new ArrayDeque<>(List.of(samples));
        return new ServiceProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Sample sample() {
                return script.isEmpty() ? Sample.unavailable() : script.poll();
            }
        };
    }

    private static final long SECOND = 1_000_000_000L;

    @Test
    void cpuPerIntervalAndOverTheRunInCores() {
        ServiceSampler sampler = new ServiceSampler(List.of(scripted("game-server",
                new ServiceProbe.Sample(0, Map.of()), new ServiceProbe.Sample(SECOND / 2, Map.of()),
                new ServiceProbe.Sample(SECOND * 3 / 2, Map.of()))));

        assertThat(sampler.sample(0)).isEmpty();
        assertThat(sampler.sample(SECOND).get("game-server")).isCloseTo(0.5, offset(1e-9));
        assertThat(sampler.sample(2 * SECOND).get("game-server")).isCloseTo(1.0, offset(1e-9));
        assertThat(sampler.figures().get(0).cpuCores()).isCloseTo(0.75, offset(1e-9));
    }

    @Test
    void aSummarysSumAndCountBecomeItsMeanOverTheWindow() {
        ServiceSampler sampler = new ServiceSampler(List.of(scripted("match-server",
                new ServiceProbe.Sample(0, Map.of("quality_duel_sum", 1.0, "quality_duel_count", 2.0)),
                new ServiceProbe.Sample(0, Map.of("quality_duel_sum", 4.0, "quality_duel_count", 6.0,
                        "quality_ffa_sum", 0.0, "quality_ffa_count", 0.0)))));
        sampler.sample(0);
        sampler.sample(SECOND);

        Map<String, Double> figures = sampler.figures().get(0).figures();

        // 3 quality points over 4 matches in the window, not the 4 / 6 of the whole life.
        assertThat(figures.get("quality_duel_mean")).isCloseTo(0.75, offset(1e-9));
        assertThat(figures.get("quality_ffa_mean")).isNaN();
        assertThat(figures).doesNotContainKeys("quality_duel_sum_per_s", "quality_duel_count_per_s");
    }

    @Test
    void countersBecomeRatesAndMillisecondGaugesMedianAndMax() {
        ServiceSampler sampler = new ServiceSampler(List.of(scripted("svc",
                new ServiceProbe.Sample(0, Map.of("docs_indexed", 100.0, "tick_p99_ms", 2.0)),
                new ServiceProbe.Sample(0, Map.of("docs_indexed", 300.0, "tick_p99_ms", 9.0)),
                new ServiceProbe.Sample(0, Map.of("docs_indexed", 500.0, "tick_p99_ms", 3.0)))));
        sampler.sample(0);
        sampler.sample(SECOND);
        sampler.sample(2 * SECOND);

        ServiceFigures figures = sampler.figures().get(0);
        assertThat(figures.figures()).containsEntry("docs_indexed_per_s", 200.0)
                .containsEntry("tick_p99_ms_median", 3.0).containsEntry("tick_p99_ms_max", 9.0);
    }

    @Test
    void aCounterThatAppearsDuringTheRunCountsFromZero() {
        ServiceSampler sampler = new ServiceSampler(List.of(scripted("svc", new ServiceProbe.Sample(0, Map.of()),
                new ServiceProbe.Sample(0, Map.of("matches_formed", 30.0)))));
        sampler.sample(0);
        sampler.sample(2 * SECOND);

        assertThat(sampler.figures().get(0).figures()).containsEntry("matches_formed_per_s", 15.0);
    }

    @Test
    void anUnreachableServiceLeavesAGapNotAnError() {
        ServiceSampler sampler = new ServiceSampler(List.of(scripted("down")));
        sampler.sample(0);
        sampler.sample(SECOND);

        assertThat(sampler.figures().get(0).cpuCores()).isNaN();
    }

    @Test
    void figuresCoverOnlyTheMeasuredWindow() {
        ServiceSampler sampler = new ServiceSampler(List.of(scripted("svc",
                new ServiceProbe.Sample(0, Map.of("docs_indexed", 0.0, "tick_p99_ms", 50.0)),
                new ServiceProbe.Sample(SECOND, Map.of("docs_indexed", 100.0, "tick_p99_ms", 40.0)),
                new ServiceProbe.Sample(SECOND + SECOND / 4, Map.of("docs_indexed", 400.0, "tick_p99_ms", 2.0)),
                new ServiceProbe.Sample(SECOND + SECOND / 2, Map.of("docs_indexed", 700.0, "tick_p99_ms", 4.0)),
                new ServiceProbe.Sample(5 * SECOND, Map.of("docs_indexed", 710.0, "tick_p99_ms", 90.0)))));
        sampler.sample(0);
        sampler.sample(SECOND);          // warm-up: 1 core, 100 docs/s, slow ticks
        sampler.startWindow();
        sampler.sample(2 * SECOND);
        sampler.sample(3 * SECOND);      // measured: 0.25 cores, 300 docs/s
        sampler.endWindow();
        sampler.sample(4 * SECOND);      // drain: left out

        ServiceFigures figures = sampler.figures().get(0);
        assertThat(figures.cpuCores()).isCloseTo(0.25, offset(1e-9));
        assertThat(figures.figures()).containsEntry("docs_indexed_per_s", 300.0)
                .containsEntry("tick_p99_ms_median", 4.0).containsEntry("tick_p99_ms_max", 4.0);
    }
}
