package io.skirmish.kit.config;

import picocli.CommandLine.Option;

/**
 * The {@code --dev} flag every server takes (a picocli mixin): development mode, where the
 * conveniences that must never reach production are allowed (plaintext client ports, and what
 * other options document as dev-only). Without it a process refuses to start with any of them,
 * exit code 2 and one line saying which.
 */
public final class DevMode {

    @Option(names = "--dev", description = "Development mode: allows plaintext client ports and the other "
            + "dev-only defaults; never in production (default: off).")
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
