package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ElasticsearchProcessIT {
    private static final Path WORK_DIR = Path.of(System.getProperty("skirmish.target.dir", "target"));

    @Test
    void startFailureCarriesTheTailOfTheElasticsearchLog() {
        ElasticsearchConfig config = ElasticsearchConfig.defaults(WORK_DIR).withSetting("skirmish.no.such.setting", "1");

        assertThatThrownBy(() -> ElasticsearchProcess.start(config))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("Elasticsearch exited with code")
                .hasMessageContaining("unknown setting [skirmish.no.such.setting]");
    }
}
