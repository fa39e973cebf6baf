package io.skirmish.ranking.rating.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.ranking.rating.Rating;
import io.skirmish.ranking.rating.RatingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Operator command: rates one match read as JSON on standard input and prints the new
 * ratings on standard output (formats in {@link MatchJson}). Nothing is read from or written
 * to Redis; it shows what the ranking-server would compute.
 *
 * <p>Exit codes: 0 rated; 2 bad input or option, with one line on standard error; 1 the
 * input could not be read. Self-contained so that {@code RankingServerMain} can add it as a
 * subcommand; tests inject the streams.
 */
@Command(name = "rate",
        description = {
            "Rates one match (Weng-Lin Plackett-Luce, as openskill v5) read as JSON on standard input:",
            "  {\"teams\":[[{\"mu\":25,\"sigma\":8.333},...],...],\"ranks\":[1,2,...]}",
            "Lower rank is better, equal ranks are ties; without \"ranks\" the teams are in finishing order.",
            "A player written {} is a new player (--mu, --sigma).",
            "Prints {\"teams\":[[{\"mu\":..,\"sigma\":..},...],...]} with full double precision.",
            "Exit 0 on success, 2 on bad input (one line on standard error)."})
public final class RateCommand implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_IO = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /** Largest accepted input; a larger one is refused before parsing. */
    public static final int MAX_INPUT_BYTES = 1 << 20;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--mu", paramLabel = "MU", description = "Mean of a new player's rating (default: ${DEFAULT-VALUE}).")
    double mu = RatingOptions.DEFAULT_MU;

    @Option(names = "--sigma", paramLabel = "SIGMA",
            description = "Deviation of a new player's rating (default: ${DEFAULT-VALUE}).")
    double sigma = RatingOptions.DEFAULT_SIGMA;

    @Option(names = "--beta", paramLabel = "BETA", description = "Performance noise (default: ${DEFAULT-VALUE}).")
    double beta = RatingOptions.DEFAULT_BETA;

    @Option(names = "--kappa", paramLabel = "KAPPA",
            description = "Floor of the variance shrink factor, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double kappa = RatingOptions.DEFAULT_KAPPA;

    @Option(names = "--tau", paramLabel = "TAU",
            description = "Dynamics added to sigma before the update, >= 0 (default: ${DEFAULT-VALUE}).")
    double tau = RatingOptions.DEFAULT_TAU;

    @Option(names = "--limit-sigma", description = "openskill limitSigma: sigma never grows in a match.")
    boolean limitSigma;

    @Option(names = "--balance", description = "openskill balance: weight weaker team members (not recommended).")
    boolean balance;

    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;

    /** Reads standard input, writes standard output and standard error (UTF-8). */
    public RateCommand() {
        this(System.in,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    }

    public RateCommand(InputStream in, PrintWriter out, PrintWriter err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        RatingOptions options;
        try {
            options = new RatingOptions(mu, sigma, beta, kappa, tau, limitSigma, balance);
        } catch (IllegalArgumentException e) {
            return fail(EXIT_BAD_INPUT, "invalid option: " + e.getMessage());
        }
        byte[] input;
        try {
            input = in.readNBytes(MAX_INPUT_BYTES + 1);
        } catch (IOException e) {
            return fail(EXIT_IO, "cannot read standard input: " + e.getMessage());
        }
        if (input.length > MAX_INPUT_BYTES) {
            return fail(EXIT_BAD_INPUT, "input is larger than " + MAX_INPUT_BYTES + " bytes");
        }
        List<List<Rating>> rated;
        try {
            MatchJson.Match match = MatchJson.read(input, options.newRating());
            rated = new PlackettLuce(options).rate(match.teams(), match.ranks());
        } catch (MalformedMatchException | IllegalArgumentException | ArithmeticException e) {
            return fail(EXIT_BAD_INPUT, e.getMessage());
        }
        StringWriter json = new StringWriter();
        try {
            MatchJson.write(rated, json);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter failed", e);
        }
        out.println(json);
        out.flush();
        return EXIT_OK;
    }

    private int fail(int exitCode, String message) {
        err.println("rate: " + MatchJson.clip(message));
        err.flush();
        return exitCode;
    }
}
