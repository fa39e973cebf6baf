package io.skirmish.match;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.LayeredDefaults;
import io.skirmish.match.net.RequestLimit;
import io.skirmish.match.rules.QueueMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchServerMainTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine line = CommandRunner.commandLine(new MatchServerMain(), new LayeredDefaults(Map.of()));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    @Test
    void helpListsTheOptionsAndExitsZero() {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "--help")).isZero();
        assertThat(out.toString()).contains("--client-port", "--skill-window", "--connect-token-ttl", "--regions", "--rate-limit",
                "--min-client-version", "--join-threads");
    }

    @Test
    void badFlagsExitWithTwo() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "--client-port", "nope")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(run(new StringWriter(), new StringWriter(), "--regions", "EU WEST"))
                .isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(run(new StringWriter(), new StringWriter(), "--skill-window", "duel=3:1"))
                .isEqualTo(CommandRunner.EXIT_USAGE);
        StringWriter rate = new StringWriter();
        assertThat(run(new StringWriter(), rate, "--rate-limit", "lots")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(rate.toString()).contains("rate-limit", "lots");
        StringWriter version = new StringWriter();
        assertThat(run(new StringWriter(), version, "--min-client-version", "latest")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(version.toString()).contains("min-client-version", "latest");
        StringWriter queueSize = new StringWriter();
        assertThat(run(new StringWriter(), queueSize, "--max-queue-size", "0")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(queueSize.toString()).contains("max-queue-size");
    }

    @Test
    void defaultsMakeAValidConfig() {
        MatchServerMain main = new MatchServerMain();
        new CommandLine(main).registerConverter(java.time.Duration.class, new io.skirmish.kit.config.DurationConverter())
                .parseArgs("--instance-id", "m-1", "--regions", "eu-west,us-east");
        MatchServerConfig config = main.config();
        assertThat(config.clientPort()).isEqualTo(7600);
        assertThat(config.opsPort()).isEqualTo(7680);
        assertThat(config.matchmaker().regions()).containsExactly("eu-west", "us-east");
        assertThat(config.matchmaker().rules(QueueMode.FFA).skillWindow().initial()).isEqualTo(4.0);
        assertThat(config.matchmaker().connectTokenTtl().toMinutes()).isEqualTo(10);
        assertThat(config.requestLimit()).isEqualTo(new RequestLimit(20, 40));
        assertThat(config.minClientVersion()).isNull();
        assertThat(config.joinThreads()).isEqualTo(2);
    }

    @Test
    void skillWindowsNeedEveryMode() {
        assertThatThrownBy(() -> MatchServerMain.parseWindows("duel=3:1:25")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("squad");
    }
}
