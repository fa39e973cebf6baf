package io.skirmish.ranking.rating.cli;

import java.util.concurrent.Callable;

import io.skirmish.kit.cli.CommandRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Stand-in entry point for the rating operator commands until {@code RankingServerMain}
 * exists and adds {@link RateCommand} as its own subcommand:
 * {@code java -cp ... io.skirmish.ranking.rating.cli.RatingCli rate < match.json}.
 */
@Command(name = "skirmish-rating",
        subcommands = RateCommand.class,
        description = "Skirmish rating operator commands.")
public final class RatingCli implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new RatingCli(), args));
    }

    /** Without a subcommand: usage on standard error, usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandRunner.EXIT_USAGE;
    }
}
