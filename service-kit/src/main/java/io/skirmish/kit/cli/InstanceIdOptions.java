package io.skirmish.kit.cli;

import io.skirmish.kit.config.InstanceIds;
import picocli.CommandLine.Option;

/**
 * The {@code --instance-id} flag of the services that run as several interchangeable instances
 * (a picocli mixin): the id a consumer group, the metrics and the logs know the instance by.
 * Unset, it is {@code <host>-<random>}, unique across restarts. (The game-server's
 * {@code --server-id} and the log-shipper's {@code --consumer-name} keep their own names and
 * defaults: they mean a registry entry and a consumer that outlives restarts.)
 */
public final class InstanceIdOptions {

    @Option(names = "--instance-id", description = "Id of this instance: its consumer name, metrics and log "
            + "instance (default: <hostname>-<random>).")
    String instanceId;

    /** The configured id, or {@code <host>-<random>} with {@code fallback} for an unknown host. */
    public String instanceId(String fallback) {
        return instanceId == null ? InstanceIds.hostWithRandomSuffix(fallback) : instanceId;
    }
}
