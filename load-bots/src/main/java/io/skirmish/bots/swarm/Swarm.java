package io.skirmish.bots.swarm;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.skirmish.bots.metrics.ServiceProbe;
import io.skirmish.bots.report.Percentiles;
import io.skirmish.bots.report.SloResult;
import io.skirmish.bots.report.Slo;
import io.skirmish.bots.report.SwarmReport;
import io.skirmish.bots.report.TimeToMatchSplit;
import io.skirmish.bots.report.TimelineSample;
import io.skirmish.kit.net.Transports;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

/**
 * One run of the bot swarm: starts the crews over the ramp-up, lets them play for the duration,
 * then stops queueing and lets matches in progress finish (up to the drain timeout), printing a
 * progress line every interval, and returns the report. Every wait is bounded: the run ends by
 * itself.
 *
 * <p>Threads: the caller's thread runs {@link #run} and does all sampling and printing; the bots
 * run on {@code threads} event loops.
 */
final class Swarm implements SwarmControl {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final SwarmConfig config;
    private final List<ServiceProbe> probes;
    private final PrintStream out;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final List<Crew> crews = new ArrayList<>();
    private final List<Bot> bots = new ArrayList<>();
    private volatile boolean stopping;

    Swarm(SwarmConfig config, List<ServiceProbe> probes, PrintStream out, NanoClock nanoClock, EpochClock epochClock) {
        this.config = config;
        this.probes = List.copyOf(probes);
        this.out = out;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    /** Player ids of every bot of the run, leader first per crew. */
    List<String> playerIds() {
        return bots.stream().map(bot -> bot.playerId).toList();
    }

    SwarmReport run(String command, SwarmStats stats) throws InterruptedException {
        Transports transport = Transports.best();
        EventLoopGroup group = transport.group(config.threads(), "bot-io");
        Instant startedAt = Instant.now();
        ServiceSampler services = new ServiceSampler(probes);
        List<TimelineSample> timeline = new ArrayList<>();
        Histogram rtt = new Histogram(2);
        Histogram timeToMatch = new Histogram(2);
        TimeToMatchSplit timeToMatchSplit = new TimeToMatchSplit();
        Histogram rankUpdate = new Histogram(2);
        try (SwarmContext context = new SwarmContext(config, stats, transport, group, nanoClock, epochClock)) {
            createCrews(group, context);
            long startNs = nanoClock.nanoTime();
            services.sample(startNs);
            scheduleRampUp(group);
            long stopQueueingAtNs = startNs + config.schedule().duration().toNanos();
            long hardStopAtNs = stopQueueingAtNs + config.schedule().drainTimeout().toNanos();
            MeasuredWindow window = new MeasuredWindow(startNs + config.schedule().warmup().toNanos(), stopQueueingAtNs, startNs,
                    stats, services);
            long lastInputs = 0;
            long lastSnapshots = 0;
            long lastErrors = 0;
            long lastNs = startNs;
            while (true) {
                long nextNs = lastNs + INTERVAL.toNanos();
                TimeUnit.NANOSECONDS.sleep(Math.max(0, nextNs - nanoClock.nanoTime()));
                long nowNs = nanoClock.nanoTime();
                if (!stopping && nowNs >= stopQueueingAtNs) {
                    stopping = true;
                    crews.forEach(Crew::stopQueueing);
                }
                SwarmStats.Interval interval = stats.interval();
                if (window.isOpen()) {
                    rtt.add(interval.rttUs());
                    timeToMatch.add(interval.timeToMatchMs());
                    interval.timeToMatchMsByGroup().forEach(timeToMatchSplit::add);
                    rankUpdate.add(interval.rankUpdateMs());
                }
                Map<BotState, Integer> states = countStates();
                double seconds = (nowNs - lastNs) / 1e9;
                long inputs = stats.inputsSent.sum();
                long snapshots = stats.snapshotsReceived.sum();
                long errors = stats.errorsTotal.sum();
                Percentiles intervalRtt = Percentiles.of(interval.rttUs(), 1000);
                Percentiles intervalTtm = Percentiles.of(interval.timeToMatchMs(), 1);
                TimelineSample sample = new TimelineSample((nowNs - startNs) / 1e9, states.get(BotState.STARTING),
                        states.get(BotState.QUEUED) + states.get(BotState.READY),
                        states.get(BotState.CONNECTING) + states.get(BotState.PLAYING),
                        states.get(BotState.RANKING), states.get(BotState.STOPPED), stats.matchesCompleted(),
                        (inputs - lastInputs) / seconds, (snapshots - lastSnapshots) / seconds, intervalRtt.p50(),
                        intervalRtt.p99(), intervalTtm.p50(), intervalTtm.p99(), errors - lastErrors,
                        services.sample(nowNs));
                timeline.add(sample);
                window.afterSample(nowNs);
                out.println(ProgressLine.format(sample, bots.size(),
                        stats.matchesCompleted() / ((nowNs - startNs) / 1e9), errors, stopping));
                out.flush();
                lastInputs = inputs;
                lastSnapshots = snapshots;
                lastErrors = errors;
                lastNs = nowNs;
                boolean allDone = stopping && states.get(BotState.STOPPED) + states.get(BotState.READY) == bots.size();
                if (allDone || nowNs >= hardStopAtNs) {
                    if (!allDone) {
                        out.println("drain timeout: " + (bots.size() - states.get(BotState.STOPPED))
                                + " bots still busy are dropped");
                    }
                    break;
                }
            }
            stats.close();
            bots.forEach(bot -> bot.loopExecute(bot::stop));
            double durationS = (lastNs - startNs) / 1e9;
            return report(command, startedAt, durationS, window, stats, rtt, timeToMatch, timeToMatchSplit, rankUpdate,
                    timeline, services);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private void createCrews(EventLoopGroup group, SwarmContext context) {
        List<CrewPlan.PlannedCrew> plan = CrewPlan.plan(config.bots(), config.modeMix(), config.shares(),
                config.playerPrefix(),
                config.seed());
        int index = 0;
        for (CrewPlan.PlannedCrew planned : plan) {
            EventLoop loop = group.next();
            List<Bot> members = new ArrayList<>();
            for (int i = 0; i < planned.playerIds().size(); i++) {
                Bot bot = new Bot(planned.playerIds().get(i), planned.behaviours().get(i), loop, context,
                        config.seed() * 31 + bots.size());
                members.add(bot);
                bots.add(bot);
            }
            String region = config.regions().get(index++ % config.regions().size());
            crews.add(new Crew(members, planned.mode(), region, loop, context, this));
        }
    }

    /** Crew {@code i} starts at {@code i / crews * ramp-up}. */
    private void scheduleRampUp(EventLoopGroup group) {
        long rampNs = config.schedule().rampUp().toNanos();
        for (int i = 0; i < crews.size(); i++) {
            Crew crew = crews.get(i);
            long delayNs = crews.size() <= 1 ? 0 : rampNs * i / crews.size();
            group.next().schedule(crew::start, delayNs, TimeUnit.NANOSECONDS);
        }
    }

    private Map<BotState, Integer> countStates() {
        Map<BotState, Integer> counts = new EnumMap<>(BotState.class);
        for (BotState state : BotState.values()) {
            counts.put(state, 0);
        }
        for (Bot bot : bots) {
            counts.merge(bot.state, 1, Integer::sum);
        }
        return counts;
    }

    private SwarmReport report(String command, Instant startedAt, double durationS, MeasuredWindow window,
                               SwarmStats stats, Histogram rtt, Histogram timeToMatch, TimeToMatchSplit timeToMatchSplit,
                               Histogram rankUpdate,
                               List<TimelineSample> timeline, ServiceSampler services) {
        double matchesPerS = window.matchesPerSecond();
        long cycles = stats.matchCycles.sum();
        long errors = stats.errorsTotal.sum();
        double errorRate = cycles + errors == 0 ? Double.NaN : (double) errors / (cycles + errors);
        Map<String, Double> totals = new LinkedHashMap<>();
        totals.put("bots", (double) bots.size());
        totals.put("matches_completed", (double) stats.matchesCompleted());
        totals.put("matches_per_s", matchesPerS);
        totals.put("player_match_cycles", (double) cycles);
        totals.put("aborted_matches_seen", (double) stats.abortedMatches.sum());
        totals.put("lost_matches_requeued", (double) stats.lostMatchesRequeued.sum());
        totals.put("lost_matches_not_requeued", (double) stats.lostMatchesNotRequeued.sum());
        totals.put("queue_connections_lost", (double) stats.queueConnectionsLost.sum());
        totals.put("tickets_resumed", (double) stats.ticketsResumed.sum());
        totals.put("tickets_joined_again", (double) stats.ticketsJoinedAgain.sum());
        totals.put("inputs_sent", (double) stats.inputsSent.sum());
        totals.put("inputs_per_s", window.inputsPerSecond());
        totals.put("snapshots_received", (double) stats.snapshotsReceived.sum());
        totals.put("snapshots_per_s", window.snapshotsPerSecond());
        totals.put("measured_seconds", window.seconds());
        totals.put("reconnects", (double) stats.reconnects.sum());
        totals.put("resumed_after_drop", (double) stats.resumedAfterDrop.sum());
        totals.put("reconnects_after_match_end", (double) stats.reconnectsTooLate.sum());
        totals.put("bad_datagrams_sent", (double) stats.badPacketsSent.sum());
        totals.put("flood_inputs_sent", (double) stats.floodInputsSent.sum());
        totals.put("bot_ticks_skipped", (double) stats.botTicksSkipped.sum());
        totals.put("errors", (double) errors);
        totals.put("error_rate", errorRate);
        Percentiles rttMs = Percentiles.of(rtt, 1000);
        Percentiles ttmMs = Percentiles.of(timeToMatch, 1);
        Percentiles rankMs = Percentiles.of(rankUpdate, 1);
        List<SloResult> slos = new ArrayList<>();
        for (Slo slo : config.report().slos()) {
            double actual = switch (slo.metric()) {
                case RTT_P50 -> rttMs.p50();
                case RTT_P99 -> rttMs.p99();
                case TTM_P50 -> ttmMs.p50();
                case TTM_P99 -> ttmMs.p99();
                case RANK_P99 -> rankMs.p99();
                case ERROR_RATE -> errorRate;
                case MATCHES_PER_S -> matchesPerS;
            };
            slos.add(new SloResult(slo, actual, slo.met(actual)));
        }
        return new SwarmReport("Skirmish bot swarm", startedAt.toString(), machine(), command, durationS, settings(),
                totals, rttMs, ttmMs, timeToMatchSplit.percentiles(), rankMs, stats.errorsByKind(), stats.errorExamples(), timeline, services.figures(), slos);
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bots", Integer.toString(config.bots()));
        settings.put("ramp-up", config.schedule().rampUp().toString());
        settings.put("duration", config.schedule().duration().toString());
        settings.put("warmup", config.schedule().warmup().toString());
        settings.put("mode mix", config.modeMix().weights().toString());
        settings.put("regions", String.join(",", config.regions()));
        settings.put("match-server", config.match().toString());
        settings.put("ranking-server", config.ranking().toString());
        settings.put("tick rate", config.tickRateHz() + " Hz");
        settings.put("threads", Integer.toString(config.threads()));
        settings.put("seed", Long.toString(config.seed()));
        settings.put("shares", config.shares().toString());
        return settings;
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown host";
        }
        return host + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + Runtime.version();
    }
}
