package io.skirmish.kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import io.skirmish.kit.config.Checks;
import io.skirmish.kit.config.LayeredDefaults;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandRunnerTest {

    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class ProbeCommand implements Callable<Integer> {
        @Option(names = "--tick-rate", defaultValue = "30", description = "ticks per second")
        int tickRate;

        @Override
        public Integer call() {
            Checks.inRange("tick-rate", tickRate, 10, 128);
            return 0;
        }
    }

    @Test
    void validValueRunsWithExitZero() {
        assertThat(execute(Map.of(), "--tick-rate", "64").exitCode).isZero();
    }

    @Test
    void unparsableFlagExitsTwoNamingTheOption() {
        Outcome outcome = execute(Map.of(), "--tick-rate", "fast");

        assertThat(outcome.exitCode).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(outcome.err).contains("--tick-rate").contains("fast");
    }

    @Test
    void outOfRangeValueFromEnvironmentExitsTwoWithOneLine() {
        Outcome outcome = execute(Map.of("SKIRMISH_TICK_RATE", "500"));

        assertThat(outcome.exitCode).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(outcome.err.strip()).isEqualTo("invalid configuration tick-rate=500: expected 10..128");
    }

    @Test
    void helpListsOptionsAndExitsZero() {
        Outcome outcome = execute(Map.of(), "--help");

        assertThat(outcome.exitCode).isZero();
        assertThat(outcome.out).contains("--tick-rate").contains("ticks per second");
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome execute(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CommandRunner.commandLine(new ProbeCommand(), new LayeredDefaults(env));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }
}
