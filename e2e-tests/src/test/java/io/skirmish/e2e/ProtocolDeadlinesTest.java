package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.skirmish.game.GameServerMain;
import io.skirmish.match.MatchServerMain;
import io.skirmish.match.queue.TicketStore;
import io.skirmish.ranking.RankingServerMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps the "Deadlines" table of docs/protocol.md true: each row names the server, the value a
 * client can rely on, and the option or constant it comes from; this compares the value with the
 * option's default or the constant in the server's code. Here because this module sees every server.
 */
class ProtocolDeadlinesTest {

    private static final Path SPEC = Path.of("..", "docs", "protocol.md");
    private static final Pattern VALUE = Pattern.compile("(\\d+) (ms|s|min|h)");

    @Test
    void everyDeadlineInTheSpecIsTheServersDefault() throws IOException {
        Map<String, Duration> constants = Map.of(
                "MATCHED_KEEP_MS", Duration.ofMillis(TicketStore.MATCHED_KEEP_MS));
        Map<String, Object> mains = Map.of("match-server", new MatchServerMain(), "game-server", new GameServerMain(),
                "ranking-server", new RankingServerMain());

        Map<String, Row> rows = deadlines();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
        for (Row row : rows.values()) {
            Duration code;
            if (row.from().startsWith("--")) {
                CommandLine.Model.OptionSpec option = new CommandLine(mains.get(row.server())).getCommandSpec()
                        .findOption(row.from());
                assertThat(option).as("%s has option %s", row.server(), row.from()).isNotNull();
                code = Duration.parse("PT" + option.defaultValue().toUpperCase()); // "10m" -> PT10M
            } else {
                code = constants.get(row.from());
            }
            assertThat(code).as("%s (%s on %s)", row.deadline(), row.from(), row.server()).isEqualTo(row.value());
        }
        assertThat(rows.values()).extracting(Row::from).containsAll(constants.keySet());
    }

    private record Row(String deadline, String server, Duration value, String from) {
    }

    private static Map<String, Row> deadlines() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(SPEC, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Deadlines");
                continue;
            }
            if (!inSection || !line.startsWith("| ") || line.startsWith("| deadline") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            Matcher value = VALUE.matcher(cells[3].trim());
            assertThat(value.matches()).as("value of '%s': %s", cells[1].trim(), cells[3]).isTrue();
            long amount = Long.parseLong(value.group(1));
            Duration duration = switch (value.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "min" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            rows.put(cells[1].trim(), new Row(cells[1].trim(), cells[2].trim(), duration,
                    cells[4].trim().replace("`", "")));
        }
        return rows;
    }
}
