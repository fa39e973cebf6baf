package io.skirmish.bots.swarm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.skirmish.kit.config.Checks;
import io.skirmish.kit.config.ConfigException;

/**
 * Everything one swarm run is told; the compact constructor refuses a bad value naming it.
 *
 * @param bots          simulated players
 * @param schedule      ramp-up, duration, warm-up and drain timeout of the run
 * @param modeMix       share of bots per mode
 * @param regions       regions the crews queue in, round robin
 * @param shares        how the bots behave: parties, idlers, reconnecters, misbehavers
 * @param report        where the report goes, its thresholds and the services it samples
 * @param tlsTrust      PEM certificates the TCP connections trust (TLS); null for plaintext (servers in --dev)
 */
public record SwarmConfig(
        int bots,
        RunSchedule schedule,
        ModeMix modeMix,
        List<String> regions,
        Address match,
        Address ranking,
        int tickRateHz,
        long seed,
        int threads,
        BotShares shares,
        Duration queueTimeout,
        Duration rankTimeout,
        String playerPrefix,
        ReportSettings report,
        Path tlsTrust) {

    /** What the match-server is told in Login.client_version. */
    public static final String CLIENT_VERSION = "skirmish-bot/1";

    /** A {@code host:port} target. */
    public record Address(String host, int port) {
        static Address parse(String key, String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new ConfigException(key, text, "expected host:port");
            }
            try {
                return new Address(text.substring(0, colon), Checks.port(key, Integer.parseInt(text.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new ConfigException(key, text, "expected host:port with a numeric port");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public SwarmConfig {
        Checks.inRange("bots", bots, 1, 100_000);
        Checks.notNull("schedule", schedule);
        regions = List.copyOf(regions);
        if (regions.isEmpty() || regions.stream().anyMatch(String::isBlank)) {
            throw new ConfigException("regions", regions, "expected one or more region names");
        }
        Checks.inRange("tick-rate", tickRateHz, 10, 128);
        Checks.inRange("threads", threads, 1, 64);
        Checks.notNull("shares", shares);
        Checks.positive("queue-timeout", queueTimeout);
        Checks.positive("rank-timeout", rankTimeout);
        Checks.notBlank("player-prefix", playerPrefix);
        Checks.notNull("report", report);
    }
}
