package io.skirmish.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SwarmArgsTest {

    private static final List<String> LAUNCHER = List.of("--bots=100", "--duration=60s", "--ramp-up=10s",
            "--service=game-server=http://127.0.0.1:7780/metrics");

    @Test
    void aUserOptionReplacesTheLaunchersValue() {
        assertThat(SwarmArgs.merge(LAUNCHER, List.of("--ramp-up=45s")))
                .containsExactly("--bots=100", "--duration=60s", "--service=game-server=http://127.0.0.1:7780/metrics",
                        "--ramp-up=45s");
    }

    @Test
    void repeatableOptionsAddToTheLaunchers() {
        assertThat(SwarmArgs.merge(LAUNCHER, List.of("--service=extra=http://h/metrics", "--slo=rtt-p99=100ms",
                "--slo=error-rate=0%")))
                .contains("--service=game-server=http://127.0.0.1:7780/metrics", "--service=extra=http://h/metrics",
                        "--slo=rtt-p99=100ms", "--slo=error-rate=0%");
    }

    @Test
    void newOptionsAndBareFlagsAreAppendedOnce() {
        assertThat(SwarmArgs.merge(List.of("--bots=1", "--verbose"), List.of("--warmup=60s", "--verbose")))
                .containsExactly("--bots=1", "--warmup=60s", "--verbose");
    }

    @Test
    void anOptionWhoseNameStartsLikeAnotherIsLeftAlone() {
        assertThat(SwarmArgs.merge(List.of("--ramp-up=10s", "--ramp-up-extra=1"), List.of("--ramp-up=5s")))
                .containsExactly("--ramp-up-extra=1", "--ramp-up=5s");
    }
}
