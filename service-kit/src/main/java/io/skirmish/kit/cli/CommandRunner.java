package io.skirmish.kit.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DurationConverter;
import io.skirmish.kit.config.LayeredDefaults;
import picocli.CommandLine;

/**
 * Runs a process's picocli command the same way in every Skirmish process: options fall back
 * to environment and config file ({@link LayeredDefaults}), durations read as {@code 5s},
 * and a bad value ends the process with exit code 2 and one line naming it, never a stack
 * trace.
 */
public final class CommandRunner {

    /** Exit code for a usage or configuration error, as picocli and the BSD sysexits agree. */
    public static final int EXIT_USAGE = 2;

    private CommandRunner() {
    }

    /** Parses and runs {@code command} with the real environment; returns the exit code. */
    public static int run(Object command, String... args) {
        return run(command, System.getenv(), args);
    }

    public static int run(Object command, Map<String, String> environment, String... args) {
        LayeredDefaults defaults;
        try {
            defaults = new LayeredDefaults(environment);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return EXIT_USAGE;
        }
        return commandLine(command, defaults).execute(args);
    }

    /** The configured command line, for tests and for callers that want its output streams. */
    public static CommandLine commandLine(Object command, LayeredDefaults defaults) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setDefaultValueProvider(defaults);
        commandLine.registerConverter(Duration.class, new DurationConverter());
        commandLine.setExecutionExceptionHandler(CommandRunner::onExecutionException);
        return commandLine;
    }

    private static int onExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed)
            throws Exception {
        if (e instanceof ConfigException) {
            PrintWriter err = commandLine.getErr();
            err.println(e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        throw e;
    }
}
