package io.skirmish.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The containers of a Skirmish stack on one Docker network, each from its image under test,
 * reachable by the others under its network alias and from the host through published ports.
 * Every container gets a memory limit, so the JVMs size their heaps from it (the images'
 * {@code -XX:MaxRAMPercentage}), and logs into {@code target/containers/<alias>.log}.
 */
final class Containers {

    static final int REDIS_PORT = 6379;
    static final int ELASTICSEARCH_PORT = 9200;
    static final long SERVICE_MEMORY_BYTES = 512L << 20;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** The ops port each service image serves /metrics, /health and /ready on (deploy/images/build.sh). */
    static final Map<String, Integer> OPS_PORTS = Map.of("game-server", 7780, "match-server", 7680,
            "ranking-server", 7782, "log-shipper", 7980);

    /**
     * Development mode, as WholeStackIT runs the servers: the public development keys and trusted
     * logins (the bots name their players), and no per-address login limit, because every login
     * reaches a match-server from one address, HAProxy's. A real deployment mounts key files and
     * drops these (deploy/README.md).
     */
    /** Every bot reaches the servers from one address (the bridge's or HAProxy's): lift the cap of 64. */
    private static final String ONE_ADDRESS = "--max-connections-per-address=20000";

    static final Map<String, List<String>> DEVELOPMENT_FLAGS = Map.of(
            "game-server", List.of("--dev", ONE_ADDRESS),
            "match-server", List.of("--dev", ONE_ADDRESS, "--login=trusted,device", "--login-limit-address=off"),
            // Without --dev the ranking-server requires TLS on its client port.
            "ranking-server", List.of("--dev", ONE_ADDRESS));

    private Containers() {
    }

    static GenericContainer<?> redis(Network network) {
        return new GenericContainer<>(SkirmishImages.named("redis"))
                .withNetwork(network).withNetworkAliases("redis")
                .withExposedPorts(REDIS_PORT)
                .withCreateContainerCmdModifier(cmd -> limitMemory(cmd, 256L << 20))
                .withLogConsumer(ContainerLogs.to("redis"))
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1).withStartupTimeout(START_TIMEOUT));
    }

    static GenericContainer<?> elasticsearch(Network network) {
        return new GenericContainer<>(SkirmishImages.named("elasticsearch"))
                .withNetwork(network).withNetworkAliases("elasticsearch")
                .withExposedPorts(ELASTICSEARCH_PORT)
                .withCreateContainerCmdModifier(cmd -> limitMemory(cmd, 1536L << 20))
                .withLogConsumer(ContainerLogs.to("elasticsearch"))
                .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow&timeout=1s")
                        .forPort(ELASTICSEARCH_PORT).forStatusCode(200).withStartupTimeout(START_TIMEOUT));
    }

    /** A service image under its alias, pointed at the network's Redis, ready when its /ready says 200. */
    static GenericContainer<?> service(String module, String alias, Network network) {
        int opsPort = OPS_PORTS.get(module);
        return new GenericContainer<>(SkirmishImages.named(module))
                .withNetwork(network).withNetworkAliases(alias)
                .withEnv("SKIRMISH_REDIS_URL", "redis://redis:" + REDIS_PORT)
                .withExposedPorts(opsPort)
                .withCommand(DEVELOPMENT_FLAGS.getOrDefault(module, List.of()).toArray(String[]::new))
                .withCreateContainerCmdModifier(cmd -> limitMemory(cmd, SERVICE_MEMORY_BYTES))
                .withLogConsumer(ContainerLogs.to(alias))
                .waitingFor(Wait.forHttp("/ready").forPort(opsPort).forStatusCode(200).withStartupTimeout(START_TIMEOUT));
    }

    /**
     * The game-server, whose TCP and UDP ports are published on the host under the same numbers:
     * it advertises {@code --public-host:--tcp-port/--udp-port} through the registry, so the port a
     * client is told must be the port the host forwards. Bots on the host reach it on 127.0.0.1.
     */
    static GenericContainer<?> gameServer(Network network, int tcpPort, int udpPort) {
        return service("game-server", "game-server", network)
                .withEnv("SKIRMISH_PUBLIC_HOST", "127.0.0.1")
                .withEnv("SKIRMISH_TCP_PORT", Integer.toString(tcpPort))
                .withEnv("SKIRMISH_UDP_PORT", Integer.toString(udpPort))
                .withCreateContainerCmdModifier(cmd -> publishSamePort(cmd,
                        ExposedPort.tcp(tcpPort), ExposedPort.udp(udpPort)));
    }

    static String metricsUrl(GenericContainer<?> service, int opsPort) {
        return "http://" + service.getHost() + ":" + service.getMappedPort(opsPort) + "/metrics";
    }

    private static void limitMemory(CreateContainerCmd cmd, long bytes) {
        cmd.getHostConfig().withMemory(bytes).withMemorySwap(bytes);
    }

    private static void publishSamePort(CreateContainerCmd cmd, ExposedPort... ports) {
        List<ExposedPort> exposed = new ArrayList<>(Arrays.asList(cmd.getExposedPorts()));
        Ports bindings = cmd.getHostConfig().getPortBindings() == null ? new Ports() : cmd.getHostConfig().getPortBindings();
        for (ExposedPort port : ports) {
            exposed.add(port);
            bindings.bind(port, Ports.Binding.bindIpAndPort("127.0.0.1", port.getPort()));
        }
        cmd.withExposedPorts(exposed);
        cmd.getHostConfig().withPortBindings(bindings);
    }
}
