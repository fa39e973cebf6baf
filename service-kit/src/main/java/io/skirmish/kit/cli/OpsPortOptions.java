package io.skirmish.kit.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --ops-port} flag every process has (a picocli mixin): the HTTP port of
 * {@code /metrics}, {@code /health} and {@code /ready}. Each service passes its own default, so
 * that a whole stack fits one machine; picocli shows the field's initial value as the default
 * (there is no annotation default to differ per service), and environment and file still
 * override it ({@code SKIRMISH_OPS_PORT}).
 */
public final class OpsPortOptions {

    @Option(names = "--ops-port", description = "HTTP port of /metrics, /health, /ready (default: ${DEFAULT-VALUE}).")
    int opsPort;

    /** @param defaultPort the service's port when none is configured */
    public OpsPortOptions(int defaultPort) {
        this.opsPort = defaultPort;
    }

    public int opsPort() {
        return opsPort;
    }
}
