package io.skirmish.kit.config;

import picocli.CommandLine.Option;

/**
 * The {@code --dev} flag every server takes (a picocli mixin): development mode, where the
 * conveniences that must never reach production are allowed (plaintext client ports, and what
 * the public development keys, and what other options document as dev-only). Without it a process
 * refuses to start with any of them, exit code 2 and one line saying which. Shared by the game,
 * match and ranking servers.
 */
public final class DevMode {

    @Option(names = "--dev", description = "Development mode: allows a plaintext client port, the public "
            + "development keys and the other dev-only defaults (trusted logins on the match-server). Never in "
            + "production: without it a server refuses to start with any of them (default: off).")
    boolean dev;

    public DevMode() {
    }

    public DevMode(boolean dev) {
        this.dev = dev;
    }

    public boolean enabled() {
        return dev;
    }
}
