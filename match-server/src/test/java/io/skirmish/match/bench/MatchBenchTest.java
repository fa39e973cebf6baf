package io.skirmish.match.bench;

import io.skirmish.kit.cli.CommandRunner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad rates stop the match-server benchmark with exit 2 and a line naming the option, before Redis starts. */
class MatchBenchTest {

    private static String refusal(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(CommandRunner.run(new MatchBench(), Map.of(), args)).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void refusesRatesBelowOneNamingTheOption() {
        assertThat(refusal("--rates", "1000,0")).contains("rates=[1000, 0]");
        assertThat(refusal("--fleet-warmup-rate", "0")).contains("fleet-warmup-rate=0");
        assertThat(refusal("--no-such-flag")).contains("no-such-flag");
    }
}
