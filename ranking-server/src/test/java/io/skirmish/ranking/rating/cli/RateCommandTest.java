package io.skirmish.ranking.rating.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.ranking.rating.Rating;
import io.skirmish.ranking.rating.RatingOptions;
import io.skirmish.ranking.rating.ReferenceCasesAccess;
import picocli.CommandLine;

class RateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exitCode, String out, String err) {
    }

    static Result run(byte[] stdin, String... args) {
        return run(new ByteArrayInputStream(stdin), args);
    }

    static Result run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Result run(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        int exitCode = new CommandLine(new RateCommand(stdin, outWriter, errWriter))
                .setOut(outWriter)
                .setErr(errWriter)
                .execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void ratesADuelLikeOpenskill() {
        Result result = run("{\"teams\":[[{\"mu\":25,\"sigma\":8.333333333333334}],[{\"mu\":25,\"sigma\":8.333333333333334}]]}");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        // openskill 5.0.1: rate([[rating()], [rating()]])
        List<List<Rating>> teams = teams(result.out());
        assertThat(teams.get(0).get(0).mu()).isCloseTo(27.635389493140497, within(1e-9));
        assertThat(teams.get(0).get(0).sigma()).isCloseTo(8.06590141354368, within(1e-9));
        assertThat(teams.get(1).get(0).mu()).isCloseTo(22.364610506859503, within(1e-9));
        assertThat(teams.get(1).get(0).sigma()).isCloseTo(8.06590141354368, within(1e-9));
        assertThat(result.out()).matches("\\{\"teams\":\\[\\[\\{\"mu\":[-0-9.E]+,\"sigma\":[-0-9.E]+}],"
                + "\\[\\{\"mu\":[-0-9.E]+,\"sigma\":[-0-9.E]+}]]}\\R");
    }

    @Test
    void agreesWithEveryReferenceCaseWithModelOptionsAsFlags() {
        for (ReferenceCasesAccess.Case c : ReferenceCasesAccess.all()) {
            ObjectNode input = JSON.createObjectNode();
            input.set("teams", c.json().get("teams"));
            if (c.json().has("ranks")) {
                input.set("ranks", c.json().get("ranks"));
            }
            Result result = run(input.toString(), flags(c.json().get("options")));

            assertThat(result.exitCode()).as(c.name() + ": " + result.err()).isZero();
            List<List<Rating>> actual = teams(result.out());
            for (int i = 0; i < actual.size(); i++) {
                for (int k = 0; k < actual.get(i).size(); k++) {
                    Rating e = c.expected().get(i).get(k);
                    assertThat(actual.get(i).get(k).mu()).as(c.name()).isCloseTo(e.mu(), within(1e-6));
                    assertThat(actual.get(i).get(k).sigma()).as(c.name()).isCloseTo(e.sigma(), within(1e-6));
                }
            }
        }
    }

    @Test
    void printsEveryDoubleExactly() {
        List<List<Rating>> teams = List.of(
                List.of(new Rating(31.123456789012345, 4.2), new Rating(12.5, 7.77)), List.of(new Rating(20, 1e-3)));
        String input = "{\"teams\":[[{\"mu\":31.123456789012345,\"sigma\":4.2},{\"mu\":12.5,\"sigma\":7.77}],"
                + "[{\"mu\":20,\"sigma\":0.001}]],\"ranks\":[2,1]}";

        Result result = run(input);

        assertThat(teams(result.out())).isEqualTo(new PlackettLuce().rate(teams, new int[] {2, 1}));
    }

    @Test
    void withoutRanksTheTeamsAreInFinishingOrder() {
        String teams = "[[{\"mu\":20,\"sigma\":5}],[{\"mu\":30,\"sigma\":3}],[{\"mu\":25,\"sigma\":8}]]";

        Result implicit = run("{\"teams\":" + teams + "}");
        Result explicit = run("{\"teams\":" + teams + ",\"ranks\":[1,2,3]}");
        Result nullRanks = run("{\"teams\":" + teams + ",\"ranks\":null}");

        assertThat(implicit.exitCode()).isZero();
        assertThat(implicit.out()).isEqualTo(explicit.out()).isEqualTo(nullRanks.out());
    }

    @Test
    void anEmptyPlayerObjectIsANewPlayerAtMuAndSigma() {
        Result fresh = run("{\"teams\":[[{}],[{\"mu\":30,\"sigma\":2}]]}", "--mu", "1500", "--sigma", "350");
        Result explicit = run("{\"teams\":[[{\"mu\":1500,\"sigma\":350}],[{\"mu\":30,\"sigma\":2}]]}");

        assertThat(fresh.exitCode()).isZero();
        assertThat(fresh.out()).isEqualTo(explicit.out());
    }

    @Test
    void modelFlagsChangeTheResult() {
        String input = "{\"teams\":[[{\"mu\":25,\"sigma\":8}],[{\"mu\":25,\"sigma\":8}]]}";

        Result defaults = run(input);
        Result noisier = run(input, "--beta", "8", "--tau", "0", "--kappa", "0.001");

        assertThat(noisier.exitCode()).isZero();
        assertThat(noisier.out()).isNotEqualTo(defaults.out());
        assertThat(teams(noisier.out())).isEqualTo(new PlackettLuce(new RatingOptions(25, 25.0 / 3, 8, 0.001, 0, false, false))
                .rate(List.of(List.of(new Rating(25, 8)), List.of(new Rating(25, 8)))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bad JSON              | {"teams":[[{"mu":25,"sigma":8}],[{"mu":25,"sigma":8}]        | invalid JSON at line 1
            not JSON at all       | hello                                                          | invalid JSON at line 1 column 1: Unrecognized token 'hello'
            empty input           | ``                                                             | empty input
            trailing garbage      | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]]} x       | invalid JSON
            duplicate key         | {"teams":[[{"mu":1,"mu":2,"sigma":1}],[{"mu":1,"sigma":1}]]}  | Duplicate field 'mu'
            array root            | [[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]]                   | input must be a JSON object with "teams", got an array
            missing teams         | {"ranks":[1,2]}                                                | missing field "teams"
            unknown field         | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]],"rank":[2,1]} | unknown field "rank"
            teams not array       | {"teams":"two"}                                                | "teams" must be an array of teams, got a string
            one team              | {"teams":[[{"mu":1,"sigma":1}]]}                               | "teams" needs at least 2 teams, got 1
            no teams              | {"teams":[]}                                                   | "teams" needs at least 2 teams, got 0
            team not array        | {"teams":[{"mu":1,"sigma":1},[{"mu":1,"sigma":1}]]}           | teams[0] must be an array of players, got an object
            empty team            | {"teams":[[{"mu":1,"sigma":1}],[]]}                            | teams[1] has no players
            player not object     | {"teams":[[{"mu":1,"sigma":1}],[25]]}                          | teams[1][0] must be an object with "mu" and "sigma", got a number
            missing sigma         | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1}]]}                    | teams[1][0] is missing "sigma"
            missing mu            | {"teams":[[{"sigma":1}],[{"mu":1,"sigma":1}]]}                 | teams[0][0] is missing "mu"
            typo in player        | {"teams":[[{"mu":1,"sigam":1}],[{"mu":1,"sigma":1}]]}          | teams[0][0] has unknown field "sigam"
            mu is a string        | {"teams":[[{"mu":"25","sigma":1}],[{"mu":1,"sigma":1}]]}       | teams[0][0].mu must be a number, got a string
            sigma is null         | {"teams":[[{"mu":25,"sigma":null}],[{"mu":1,"sigma":1}]]}      | teams[0][0].sigma must be a number, got null
            mu is NaN             | {"teams":[[{"mu":NaN,"sigma":1}],[{"mu":1,"sigma":1}]]}        | teams[0][0].mu must be finite, got NaN
            sigma is Infinity     | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":Infinity}]]}   | teams[1][0].sigma must be finite, got Infinity
            mu overflows          | {"teams":[[{"mu":1e400,"sigma":1}],[{"mu":1,"sigma":1}]]}      | teams[0][0].mu must be finite, got Infinity
            negative sigma        | {"teams":[[{"mu":1,"sigma":-2}],[{"mu":1,"sigma":1}]]}         | teams[0][0].sigma must be positive, got -2.0
            zero sigma            | {"teams":[[{"mu":1,"sigma":0}],[{"mu":1,"sigma":1}]]}          | teams[0][0].sigma must be positive, got 0.0
            mu out of range       | {"teams":[[{"mu":-5e9,"sigma":1}],[{"mu":1,"sigma":1}]]}       | teams[0][0].mu must be within
            sigma out of range    | {"teams":[[{"mu":1,"sigma":1e-12}],[{"mu":1,"sigma":1}]]}      | teams[0][0].sigma must be within
            ranks too short       | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]],"ranks":[1]} | "ranks" has 1 entries but there are 2 teams
            ranks too long        | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]],"ranks":[1,2,3]} | "ranks" has 3 entries but there are 2 teams
            ranks not array       | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]],"ranks":{"a":1}} | "ranks" must be an array of integers, got an object
            fractional rank       | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]],"ranks":[1,1.5]} | ranks[1] must be an integer, got 1.5
            rank is a string      | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]],"ranks":["1",2]} | ranks[0] must be an integer, got a string
            rank too large        | {"teams":[[{"mu":1,"sigma":1}],[{"mu":1,"sigma":1}]],"ranks":[1,99999999999]} | ranks[1] must be an integer, got 99999999999
            """)
    void rejectsMalformedInputWithOneLineNamingTheProblem(String description, String input, String expected) {
        Result result = run(input == null ? "" : input);

        assertThat(result.exitCode()).as(description).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("rate: ").contains(expected);
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void rejectsInputOverOneMebibyteWithoutParsingIt() {
        byte[] big = new byte[RateCommand.MAX_INPUT_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        Result result = run(big);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("rate: input is larger than 1048576 bytes" + System.lineSeparator());
    }

    @Test
    void acceptsInputOfExactlyOneMebibyte() {
        String match = "{\"teams\":[[{\"mu\":25,\"sigma\":8}],[{\"mu\":25,\"sigma\":8}]]}";
        byte[] input = (match + " ".repeat(RateCommand.MAX_INPUT_BYTES - match.length())).getBytes(StandardCharsets.UTF_8);

        assertThat(input).hasSize(RateCommand.MAX_INPUT_BYTES);
        assertThat(run(input).exitCode()).isZero();
    }

    @Test
    void rejectsTooManyTeams() {
        StringBuilder input = new StringBuilder("{\"teams\":[");
        for (int i = 0; i <= MatchJson.MAX_TEAMS; i++) {
            input.append(i == 0 ? "" : ",").append("[{}]");
        }
        input.append("]}");

        Result result = run(input.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("\"teams\" has 1025 teams, at most 1024");
    }

    @Test
    void rejectsDeepNesting() {
        Result result = run("{\"teams\":" + "[".repeat(100) + "]".repeat(100) + "}");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("rate: invalid JSON").contains("nesting depth");
        assertThat(result.err().lines()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--sigma, -1, 'invalid option: sigma must be a finite positive number, got -1.0'",
        "--beta, 0, 'invalid option: beta must be a finite positive number, got 0.0'",
        "--kappa, 2, 'invalid option: kappa must be at most 1, got 2.0'",
        "--tau, NaN, 'invalid option: tau must be a finite number >= 0, got NaN'",
        "--mu, Infinity, 'invalid option: mu must be a finite number, got Infinity'",
    })
    void rejectsBadModelOptions(String flag, String value, String expected) {
        Result result = run("{\"teams\":[[{}],[{}]]}", flag, value);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("rate: " + expected + System.lineSeparator());
    }

    @Test
    void anUnreadableInputExitsOne() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device gone");
            }
        };

        Result result = run(broken);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("rate: cannot read standard input: device gone" + System.lineSeparator());
    }

    @Test
    void ratingCliRunsRateAsASubcommand() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RatingCli()).setErr(new PrintWriter(err, true));

        assertThat(cli.getSubcommands()).containsKey("rate");
        assertThat(cli.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("rate");
    }

    private static String[] flags(JsonNode options) {
        List<String> flags = new ArrayList<>();
        if (options != null) {
            for (Map.Entry<String, JsonNode> option : options.properties()) {
                switch (option.getKey()) {
                    case "limitSigma" -> {
                        if (option.getValue().asBoolean()) {
                            flags.add("--limit-sigma");
                        }
                    }
                    case "balance" -> {
                        if (option.getValue().asBoolean()) {
                            flags.add("--balance");
                        }
                    }
                    default -> {
                        flags.add("--" + option.getKey());
                        flags.add(option.getValue().asText());
                    }
                }
            }
        }
        return flags.toArray(String[]::new);
    }

    private static List<List<Rating>> teams(String output) {
        try {
            JsonNode root = JSON.readTree(output);
            assertThat(root.properties()).hasSize(1);
            List<List<Rating>> teams = new ArrayList<>();
            for (JsonNode team : root.get("teams")) {
                List<Rating> players = new ArrayList<>();
                for (JsonNode p : team) {
                    assertThat(p.properties()).hasSize(2);
                    players.add(new Rating(p.get("mu").doubleValue(), p.get("sigma").doubleValue()));
                }
                teams.add(List.copyOf(players));
            }
            return List.copyOf(teams);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
