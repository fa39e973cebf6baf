package io.skirmish.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceLogArgsTest {
    private final Path logs = Path.of("/stack/logs");

    @Test
    void serversWriteEcsJsonToTheirOwnFileInTheShippedFolder() {
        assertThat(ServiceLogArgs.shippedTo(logs, "match-server", "--dev"))
                .containsExactly("--dev", "--log-format=ecs", "--log-file=/stack/logs/match-server.log");
    }

    @Test
    void theShipperReadsTheFolderAndKeepsItsOwnLogOutOfIt() {
        assertThat(ServiceLogArgs.shippedTo(logs, "log-shipper", "skirmish:events"))
                .containsExactly("skirmish:events", "--log-dir=/stack/logs");
    }
}
