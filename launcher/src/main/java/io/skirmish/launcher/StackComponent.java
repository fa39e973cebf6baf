package io.skirmish.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One thing the local stack starts: Redis, Elasticsearch, a server, the bot swarm.
 *
 * <p>{@link LocalStack} calls {@link #start()} and {@link #stop()} from one thread at a time (the
 * launcher's main thread, or the shutdown hook once the main thread has let go); {@link #isRunning()}
 * may be called from either.
 */
public interface StackComponent {
    /** Short lower-case name used in every line the launcher prints, e.g. {@code redis}. */
    String name();

    /** Starts the component and returns once it is ready to serve; throws when it cannot. */
    void start();

    /** Where clients reach it, as a URL ({@code redis://127.0.0.1:6379}); valid after {@link #start()}. */
    String address();

    /** Extra facts for the summary (which binary, which user), or an empty string. */
    default String details() {
        return "";
    }

    /** The log files or folders worth opening when something looks wrong. */
    List<Path> logs();

    boolean isRunning();

    /** Stops it and frees its ports; a no-op when not running. Must not throw for an already dead process. */
    void stop();

    /**
     * True for a component that finishes on its own (the bot swarm): when it does, the run ends,
     * unless the launcher was given {@code --keep-running}. Servers run until stopped, so for them
     * finishing means crashing, which always ends the run.
     */
    default boolean finishesOnItsOwn() {
        return false;
    }

    /** Its latest progress line while it runs (the bot swarm prints one a second), or null. */
    default String progress() {
        return null;
    }

    /** What to open or run once the run is over: reports, endpoints, queries. Empty by default. */
    default List<String> whereToLook() {
        return List.of();
    }
}
