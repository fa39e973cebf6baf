package io.skirmish.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every line the launcher shows a person: progress with timings, the summary of what runs where,
 * and the stop. Kept apart from {@link LocalStack} so the wording is in one place and testable.
 * Called from one thread at a time.
 */
final class StackConsole {
    private static final String INDENT = "  ";
    private static final int NAME_WIDTH = 15;

    private final PrintStream out;
    private final Path cwd;

    StackConsole(PrintStream out, Path cwd) {
        this.out = out;
        this.cwd = cwd.toAbsolutePath().normalize();
    }

    void starting(List<StackComponent> components, Path workDir) {
        out.println("starting " + components.stream().map(StackComponent::name).collect(Collectors.joining(", "))
                + " (work dir " + shown(workDir) + ")");
    }

    void ready(StackComponent component, Duration took) {
        out.println(INDENT + component.name() + " ready on " + component.address() + " (" + seconds(took) + ")");
    }

    void failed(String name, Duration after, Throwable error) {
        out.println(INDENT + name + " failed after " + seconds(after) + ": " + error.getMessage());
    }

    void aborted(String name, Duration after) {
        out.println(INDENT + name + " start-up abandoned after " + seconds(after) + " (stop requested)");
    }

    void summary(StackPlan plan, LocalStackOptions options, Duration startedIn, Path launcherLog) {
        out.println();
        out.println("Skirmish local stack is up (" + seconds(startedIn) + "):");
        for (StackComponent component : plan.components()) {
            out.println(INDENT + pad(component.name()) + component.address());
            if (!component.details().isEmpty()) {
                out.println(INDENT + pad("") + component.details());
            }
            if (!component.logs().isEmpty()) {
                out.println(INDENT + pad("") + "log: " + component.logs().stream().map(this::shown)
                        .collect(Collectors.joining(", ")));
            }
        }
        if (!options.elasticsearch()) {
            out.println(INDENT + pad("elasticsearch") + "not started (--no-elasticsearch)");
        }
        out.println(INDENT + pad("launcher log") + shown(launcherLog));
        out.println();
        boolean endsWithSwarm = !options.keepRunning()
                && plan.components().stream().anyMatch(StackComponent::finishesOnItsOwn);
        out.println(options.duration()
                .map(d -> "Running for at most " + human(d) + "; Ctrl-C stops everything earlier.")
                .orElse(endsWithSwarm ? "Running until the bot swarm finishes; Ctrl-C stops everything earlier."
                        : "Running until Ctrl-C, which stops everything."));
    }

    /** A component's live progress line, prefixed with its name. */
    void progress(StackComponent component, String line) {
        out.println(INDENT + pad(component.name()) + line);
    }

    /** The closing block: every component's pointers, under one heading. */
    void whereToLook(List<StackComponent> components) {
        List<String> lines = new java.util.ArrayList<>();
        for (StackComponent component : components) {
            for (String line : component.whereToLook()) {
                lines.add(INDENT + pad(component.name()) + line);
            }
        }
        if (!lines.isEmpty()) {
            out.println();
            out.println("Where to look:");
            lines.forEach(out::println);
        }
    }

    void notice(String line) {
        out.println(line);
    }

    void stopping(String why) {
        out.println();
        out.println("stopping (" + why + ")...");
    }

    void stopped(StackComponent component, Duration took) {
        out.println(INDENT + component.name() + " stopped (" + seconds(took) + ")");
    }

    void stopFailed(StackComponent component, RuntimeException error) {
        out.println(INDENT + component.name() + " did not stop cleanly: " + error.getMessage());
    }

    void allStopped() {
        out.println("everything stopped.");
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String human(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + " ms";
        }
        long s = duration.toSeconds();
        if (s < 60 || s % 60 != 0) {
            return s + " s";
        }
        return s % 3600 == 0 ? s / 3600 + " h" : s / 60 + " min";
    }

    /** Relative to where the user ran the command when below it: shorter, and still clickable in terminals. */
    private String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

    private static String pad(String text) {
        return text.length() >= NAME_WIDTH ? text + " " : text + " ".repeat(NAME_WIDTH - text.length());
    }
}
