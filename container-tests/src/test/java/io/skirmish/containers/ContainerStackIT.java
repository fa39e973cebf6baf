package io.skirmish.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.skirmish.e2e.EndToEndRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end run of {@code WholeStackIT}, against the images: the whole stack in containers
 * ({@link ContainerStack}: two match-servers and two ranking-servers behind HAProxy) played by 60
 * bots from the host through HAProxy and the game-server's published ports. Every match ends,
 * every result is applied exactly once, every event is in Elasticsearch exactly once, and HAProxy
 * spread the players over both match-servers.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ContainerStackIT {

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void botsPlayTheContainerisedStackBehindHaproxyAndEveryResultLandsExactlyOnce() throws Exception {
        try (ContainerStack stack = new ContainerStack().start(Duration.ofSeconds(15))) {
            Figures.record("whole stack in containers (9 containers) started and ready in "
                    + stack.startToReady().toMillis() + " ms");
            await("HAProxy sees every match-server and ranking-server ready").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                            assertThat(HaproxyStats.read(http, stack.haproxyStats()).values())
                                    .extracting(HaproxyStats.Server::name, HaproxyStats.Server::status)
                                    .containsExactlyInAnyOrder(
                                            org.assertj.core.groups.Tuple.tuple("match-server-1", "UP"),
                                            org.assertj.core.groups.Tuple.tuple("match-server-2", "UP"),
                                            org.assertj.core.groups.Tuple.tuple("ranking-server-1", "UP"),
                                            org.assertj.core.groups.Tuple.tuple("ranking-server-2", "UP")));

            long startNs = System.nanoTime();
            JsonNode report = new EndToEndRun(work.resolve("report"), stack.redisUrl(), stack.elasticsearch(),
                    stack.matchAddress(), stack.rankingHost(), stack.rankingPort(), stack.metricsEndpoints())
                    .playAndAssertEverythingLandedOnce();
            Figures.record("containerised end-to-end run (play + checks) took "
                    + Duration.ofNanos(System.nanoTime() - startNs).toSeconds() + " s; rtt ms " + report.path("rtt_ms")
                    + "; time to match ms " + report.path("time_to_match_ms"));

            Map<String, HaproxyStats.Server> servers = HaproxyStats.read(http, stack.haproxyStats());
            assertThat(servers.get("match-servers/match-server-1").totalSessions())
                    .as("connections HAProxy gave match-server-1 (all: %s)", servers).isPositive();
            assertThat(servers.get("match-servers/match-server-2").totalSessions())
                    .as("connections HAProxy gave match-server-2 (all: %s)", servers).isPositive();
        }
    }
}
