package io.skirmish.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.LayeredDefaults;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RankingServerMainTest {

    private static final class Run {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        int exit;
    }

    private static Run run(Map<String, String> env, String... args) {
        Run run = new Run();
        CommandLine command = CommandRunner.commandLine(new RankingServerMain(), new LayeredDefaults(env));
        command.setOut(new PrintWriter(run.out, true));
        command.setErr(new PrintWriter(run.err, true));
        run.exit = command.execute(args);
        return run;
    }

    @Test
    void helpListsOptionsAndSubcommands() {
        Run run = run(Map.of(), "--help");
        assertThat(run.exit).isZero();
        assertThat(run.out.toString()).contains("--redis-url", "--port", "--ops-port", "--claim-idle", "--daily-retention",
                "--season", "--stream-retention", "--stream-trim-interval", "--read-cache-pages", "rate", "season");
    }

    @Test
    void refusesAPlaintextQueryPortWithoutDev() {
        Run run = run(Map.of(), "--instance-id", "r-1");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.toString()).contains("tls-cert", "--dev").hasLineCount(1);
    }

    @Test
    void badValuesStopWithExitTwoNamingTheOption() {
        Run badPort = run(Map.of(), "--port", "abc");
        assertThat(badPort.exit).isEqualTo(2);
        Run badBatch = run(Map.of(), "--batch-size", "0");
        assertThat(badBatch.exit).isEqualTo(2);
        assertThat(badBatch.err.toString()).contains("batch-size=0");
        Run badSeason = run(Map.of("SKIRMISH_SEASON", "no spaces"), "--redis-url", "redis://127.0.0.1:1");
        assertThat(badSeason.exit).isEqualTo(2);
        assertThat(badSeason.err.toString()).contains("season=no spaces");
        Run badRedis = run(Map.of(), "--redis-url", "http://x");
        assertThat(badRedis.exit).isEqualTo(2);
        Run badRetention = run(Map.of(), "--stream-retention", "-1h");
        assertThat(badRetention.exit).isEqualTo(2);
        assertThat(badRetention.err.toString()).contains("stream-retention");
        Run badCache = run(Map.of(), "--dev", "--read-cache-pages", "-1");
        assertThat(badCache.exit).isEqualTo(2);
        assertThat(badCache.err.toString()).contains("read-cache-pages=-1");
    }

    @Test
    void theFirstSeasonIsDatedByTheInjectedClock() {
        Clock fixed = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
        RankingServerMain main = new RankingServerMain(fixed);
        CommandRunner.commandLine(main, new LayeredDefaults(Map.of()))
                .parseArgs("--dev", "--instance-id", "r-1", "--season", "2027-s1");

        assertThat(main.config().initialSeason().startedMs()).isEqualTo(fixed.millis());
        assertThat(main.config().initialSeason().id()).isEqualTo("2027-s1");
    }

    @Test
    void rateSubcommandRunsFromTheMainCommand() {
        InputStream stdin = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream("{\"teams\":[[{}],[{}]],\"ranks\":[1,2]}"
                    .getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit = CommandRunner.commandLine(new RankingServerMain(), new LayeredDefaults(Map.of())).execute("rate");
            assertThat(exit).isZero();
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .startsWith("{\"teams\":[[{\"mu\":27.635389493140497,\"sigma\":8.06590141354368}]");
    }
}
