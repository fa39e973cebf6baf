package io.skirmish.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * With Elasticsearch in the stack, the servers write ECS JSON to {@code <logs>/<module>.log} and
 * the log-shipper ships that folder into {@code skirmish-logs-*}, so the stack's own logs sit in
 * Kibana next to its match events. The shipper keeps its own log on standard output: shipping the
 * shipper's lines would turn every batch it logs into a new line to ship.
 */
final class ServiceLogArgs {
    /** The servers' ECS log files, under the work dir. */
    static final String LOG_DIR = "logs";
    static final String SHIPPER = "log-shipper";

    private ServiceLogArgs() {
    }

    static String[] shippedTo(Path logs, String module, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (module.equals(SHIPPER)) {
            all.add("--log-dir=" + logs);
        } else {
            all.add("--log-format=ecs");
            all.add("--log-file=" + logs.resolve(module + ".log"));
        }
        return all.toArray(String[]::new);
    }
}
