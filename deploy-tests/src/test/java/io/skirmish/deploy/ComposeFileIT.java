package io.skirmish.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * deploy/compose/compose.yaml as Debian's docker-compose 1.29 reads it: the file parses, it
 * holds the stack ContainerStackIT plays, and every server HAProxy balances over
 * (deploy/haproxy/haproxy.cfg, the file both mount) is a service of it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ComposeFileIT {

    private static final Pattern HAPROXY_SERVER = Pattern.compile("(?m)^\\s+server \\S+ ([a-z0-9-]+):\\d+");

    @Test
    void composeFileHoldsTheStackAndEveryHaproxyServer() throws Exception {
        Script.requireTool("docker-compose", "apt-get install -y docker-compose");

        Script services = Script.run(60, "docker-compose", "--file", "deploy/compose/compose.yaml", "config", "--services");

        assertThat(services.exitCode()).as(services.output()).isZero();
        Set<String> names = services.output().lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrder("redis", "elasticsearch", "game-server", "match-server-1",
                "match-server-2", "ranking-server-1", "ranking-server-2", "log-shipper", "haproxy");
        Matcher servers = HAPROXY_SERVER.matcher(Files.readString(Script.ROOT.resolve("deploy/haproxy/haproxy.cfg")));
        int balanced = 0;
        while (servers.find()) {
            assertThat(names).as("HAProxy server %s", servers.group(1)).contains(servers.group(1));
            balanced++;
        }
        assertThat(balanced).as("servers in haproxy.cfg").isGreaterThanOrEqualTo(4);
    }
}
