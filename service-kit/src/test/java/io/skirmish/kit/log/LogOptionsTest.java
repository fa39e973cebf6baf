package io.skirmish.kit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

class LogOptionsTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogOptionsTest.class);

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheDefaultConfiguration() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void ecsWritesOneJsonDocumentPerLineWithServiceInstanceAndMdcFields() throws Exception {
        Path file = dir.resolve("game.log");
        LogOptions options = parse("--log-format=ecs", "--log-file=" + file);

        options.apply("game-server", "gs-1");
        try (var match = LogFields.match("m-7"); var player = LogFields.player("p-3")) {
            LOG.info("player connected slot={}", 2);
        }
        LOG.warn("no fields here");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{").endsWith("}")
                .contains("\"log.level\": \"INFO\"", "\"message\":\"player connected slot=2\"",
                        "\"service.name\":\"game-server\"", "\"service.node.name\":\"gs-1\"",
                        "\"match_id\":\"m-7\"", "\"player_id\":\"p-3\"");
        assertThat(lines.get(1)).contains("\"message\":\"no fields here\"").doesNotContain("match_id");
    }

    @Test
    void textToAFileKeepsTheTerminalPattern() throws Exception {
        Path file = dir.resolve("match.log");
        LogOptions options = parse("--log-file=" + file);

        options.apply("match-server", "m-1");
        LOG.info("queue joined");

        assertThat(Files.readAllLines(file)).singleElement().asString()
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.*] .* - queue joined");
    }

    @Test
    void textIsTheDefaultAndAnUnknownFormatIsRefused() {
        assertThat(parse().format()).isEqualTo(LogOptions.Format.text);

        Holder holder = new Holder();
        int exit = new CommandLine(holder).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute("--log-format=xml");

        assertThat(exit).isEqualTo(2);
    }

    private static LogOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options;
    }

    @CommandLine.Command(name = "holder")
    static final class Holder implements Runnable {
        @CommandLine.Mixin
        LogOptions options = new LogOptions();

        @Override
        public void run() {
        }
    }
}
