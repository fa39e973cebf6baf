package io.skirmish.bots.swarm;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.skirmish.client.RankingConnection;
import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.net.Transports;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.Period;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints the top of a leaderboard as the ranking-server answers it over its TCP protocol
 * ({@code deploy/local/leaderboard.sh} runs it against the local stack).
 */
@Command(name = "leaderboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Top of a Skirmish leaderboard, read from the ranking-server.")
public final class LeaderboardMain implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "duel",
            description = "Board: duel, squad, ffa, or <mode>.wins / <mode>.kills (default: ${DEFAULT-VALUE}).")
    String board;

    @Option(names = "--period", defaultValue = "season",
            description = "season, daily or weekly (default: ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--count", defaultValue = "10", description = "Rows, 1..100 (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--ranking-server", defaultValue = "127.0.0.1:7720",
            description = "Ranking-server query address host:port (default: ${DEFAULT-VALUE}).")
    String rankingServer;

    public static void main(String[] args) {
        System.exit(CommandRunner.run(new LeaderboardMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        SwarmConfig.Address address = SwarmConfig.Address.parse("ranking-server", rankingServer);
        BoardRef ref = BoardRef.newBuilder().setBoard(board).setPeriod(period(period)).build();
        Transports transport = Transports.best();
        EventLoopGroup group = transport.group(1, "leaderboard");
        try (RankingConnection ranking = RankingConnection.connect(group, transport, address.host(), address.port())
                .get(10, TimeUnit.SECONDS)) {
            ServerMessage reply = ranking.top(ref, count, 0).get(10, TimeUnit.SECONDS);
            if (reply.hasError()) {
                System.err.println("leaderboard: " + reply.getError().getCode() + " " + reply.getError().getMessage());
                return 1;
            }
            System.out.println(render(reply));
            return 0;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    static String render(ServerMessage reply) {
        StringBuilder text = new StringBuilder();
        BoardRef resolved = reply.getPage().getBoard();
        text.append(String.format(Locale.ROOT, "%s (%s %s), %d players%n", resolved.getBoard(),
                resolved.getPeriod().name().replace("PERIOD_", "").toLowerCase(Locale.ROOT), resolved.getPeriodKey(),
                reply.getPage().getTotalEntries()));
        text.append(String.format(Locale.ROOT, "%5s  %-24s %10s %8s %7s%n", "rank", "player", "score", "mu", "sigma"));
        for (Entry entry : reply.getPage().getEntriesList()) {
            text.append(String.format(Locale.ROOT, "%5d  %-24s %10.2f %8s %7s%n", entry.getRank(), entry.getPlayerId(),
                    entry.getScore(), entry.hasRating() ? String.format(Locale.ROOT, "%.2f", entry.getRating().getMu()) : "",
                    entry.hasRating() ? String.format(Locale.ROOT, "%.2f", entry.getRating().getSigma()) : ""));
        }
        return text.toString();
    }

    private static Period period(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "season" -> Period.PERIOD_SEASON;
            case "daily" -> Period.PERIOD_DAILY;
            case "weekly" -> Period.PERIOD_WEEKLY;
            default -> throw new io.skirmish.kit.config.ConfigException("period", name, "expected season, daily or weekly");
        };
    }
}
