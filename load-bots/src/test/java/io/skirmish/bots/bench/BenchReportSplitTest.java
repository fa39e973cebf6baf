package io.skirmish.bots.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportSplitTest {

    private final LatencySplit split = new LatencySplit(17.0, 33.1, 0.2, 0.6, 1.8, 17.9, 34.5, 0.05, 0.4, 106, 0,
            new ClientSplit(0.012, 0.008, 1.5, 6.2, 0.4, 2.1, 34.2, 39.9, 0.11));
    private final StepResult step = new StepResult(2000, 2000, 2000, 15, 1, 2, 2, 2, 0.1, 0, 0, 0.6, 0.5, 1.2, 0.2,
            0.2, 60_000, 60_000, 3_000, 2_500, 30, 0, 60_000, 60_000, 19.0, 38.5, 50, 1000, 0, 0, 0, split);
    private final BenchReport report = new BenchReport(
            new BenchReport.Run("now", "host", 2, "jvm", "cmd", 30, 2, 4, 5, 15, "gs"), List.of(step));

    @Test
    void printsTheServerStagesAndWhatIsLeftOutsideTheServer() {
        assertThat(report.splitTable()).contains(
                "| 2000 | 19.0 / 38.5 | 17.0 / 33.1 | 0.20 | 0.60 / 1.80 | 17.9 / 34.5 | 1.1 / 4.0 | 0.05 / 0.40 | 106 / 0 |");
    }

    @Test
    void printsThePerInputSplitAsPercentagesAndMilliseconds() {
        assertThat(report.perInputTable()).contains(
                "| 2000 | 38.5 | 1.20 % / 0.80 % | 1.50 / 6.20 | 0.40 / 2.10 | 34.2 | 39.9 | 0.11 |");
    }

    @Test
    void writesTheSplitAsAnObjectOfEachStep(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");

        report.writeJson(json);

        JsonNode written = new ObjectMapper().readTree(Files.readString(json)).path("steps").get(0);
        assertThat(written.path("latency_p99_ms").asDouble()).isEqualTo(38.5);
        assertThat(written.path("split").path("residence_p99_ms").asDouble()).isEqualTo(34.5);
        assertThat(written.path("split").path("client_read_delay_p99_ms").asDouble()).isEqualTo(0.4);
        assertThat(written.path("split").path("server_socket_drops_per_s").asDouble()).isEqualTo(106);
        assertThat(written.path("split").path("clients").path("if_on_time_p99_ms").asDouble()).isEqualTo(34.2);
    }
}
