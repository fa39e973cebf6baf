package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.skirmish.game.GameServerMain;
import io.skirmish.logship.LogShipperMain;
import io.skirmish.match.MatchServerMain;
import io.skirmish.ranking.RankingServerMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flag tables of docs/operations.md are the services' own picocli definitions: every
 * visible option with its environment variable ({@code SKIRMISH_<OPTION>}), its default and its
 * description. Run with {@code -Dskirmish.docs.write=true} to rewrite them after changing a flag.
 */
class OperationsFlagsTest {

    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");
    private static final String START = "<!-- flag tables: generated from the services' picocli options by OperationsFlagsTest -->\n";
    private static final String END = "<!-- end of flag tables -->";

    @Test
    void operationsGuideListsEveryFlagOfEveryServiceWithItsDefault() throws IOException {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("game-server", new GameServerMain());
        services.put("match-server", new MatchServerMain());
        services.put("ranking-server", new RankingServerMain());
        services.put("log-shipper", new LogShipperMain());
        StringBuilder tables = new StringBuilder();
        services.forEach((name, main) -> tables.append(table(name, new CommandLine(main))));

        String doc = Files.readString(OPERATIONS, StandardCharsets.UTF_8);
        int start = doc.indexOf(START);
        assertThat(start).as("flag tables start marker in %s", OPERATIONS).isNotNegative();
        assertThat(doc.indexOf(END)).as("flag tables end marker").isGreaterThan(start);
        if (Boolean.getBoolean("skirmish.docs.write")) {
            doc = doc.substring(0, start + START.length()) + tables + doc.substring(doc.indexOf(END));
            Files.writeString(OPERATIONS, doc, StandardCharsets.UTF_8);
        }
        assertThat(doc.substring(start + START.length(), doc.indexOf(END))).isEqualTo(tables.toString());
    }

    private static String table(String service, CommandLine command) {
        StringBuilder out = new StringBuilder("\n#### ").append(service).append("\n\n")
                .append("| flag | environment | default | meaning |\n|---|---|---|---|\n");
        List<OptionSpec> options = command.getCommandSpec().options().stream()
                .filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp()).toList();
        for (OptionSpec option : options) {
            String flag = option.longestName();
            String env = "SKIRMISH_" + flag.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
            String declared = declaredDefault(option);
            String defaultValue = declared == null ? "" : "`" + declared + "`";
            String meaning = String.join(" ", option.description()).replace("%n", " ").replace("|", "\\|").trim();
            if (declared != null) {
                // The default has its own column; an option without one keeps its "(default: ...)" words.
                meaning = meaning.replaceAll("\\s*\\(default: [^)]*\\)", "");
            }
            out.append("| `").append(flag).append("` | `").append(env).append("` | ").append(defaultValue)
                    .append(" | ").append(meaning).append(" |\n");
        }
        return out.toString();
    }

    /**
     * The annotation's default or, for a shared mixin whose default differs per service
     * ({@code --ops-port}), the field's initial value; a flag that is off by default has none.
     */
    private static String declaredDefault(OptionSpec option) {
        if (option.defaultValue() != null) {
            return option.defaultValue();
        }
        Object initial = option.initialValue();
        return initial == null || Boolean.FALSE.equals(initial) ? null : String.valueOf(initial);
    }
}
