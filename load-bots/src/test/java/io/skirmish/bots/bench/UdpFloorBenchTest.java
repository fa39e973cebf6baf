package io.skirmish.bots.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.LayeredDefaults;
import org.junit.jupiter.api.Test;

/** Bad options stop the floor benchmark with exit 2 and a line naming the option, before any socket opens. */
class UdpFloorBenchTest {

    private static String refusal(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(CommandRunner.run(new UdpFloorBench(), Map.of(), args)).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void refusesBadOptionsNamingThem() {
        assertThat(refusal("--send", "writev")).contains("--send");
        assertThat(refusal("--steps", "1000,-5")).contains("--steps");
        assertThat(refusal("--tick-rate", "0")).contains("--tick-rate");
        assertThat(refusal("--input-bytes", "2")).contains("--input-bytes");
        assertThat(refusal("--snapshot-bytes", "5000")).contains("--snapshot-bytes");
        assertThat(refusal("--client-sockets", "0")).contains("--client-sockets");
        assertThat(refusal("--measure", "0s")).contains("--measure");
        assertThat(refusal("--no-such-flag")).contains("no-such-flag");
        assertThat(refusal("--role", "proxy")).contains("--role");
        assertThat(refusal("--role", "server", "--steps", "1000,2000", "--port-file", "p")).contains("one --steps value");
        assertThat(refusal("--role", "clients", "--steps", "1000")).contains("--port-file");
    }

    @Test
    void theDefaultsAreValid() {
        UdpFloorBench bench = new UdpFloorBench();
        CommandRunner.commandLine(bench, new LayeredDefaults(Map.of())).parseArgs();

        assertThat(bench.badOption()).isNull();
    }
}
