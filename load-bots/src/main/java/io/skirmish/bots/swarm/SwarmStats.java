package io.skirmish.bots.swarm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.skirmish.bots.report.TimeToMatchSplit;
import io.skirmish.kit.log.RateLimitedLog;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.LoggerFactory;

/**
 * Everything the swarm counts and times, written by the bots' event loops and read once a second
 * by the reporter thread. Latencies go to HdrHistogram {@link Recorder}s (many writers, one
 * interval reader); counters are {@link LongAdder}s.
 *
 * <p>The input-to-snapshot round trip is timed from when the input was due (its tick's scheduled
 * time, see {@link TickDriver}), not from when a late loop got round to sending it. Bots send
 * at a fixed rate whatever the replies do (open loop), and every snapshot yields a sample, so a
 * stall already shows as many slow samples: adding synthetic ones (HdrHistogram's
 * expected-interval correction, meant for closed-loop clients) would count each stall twice.
 */
final class SwarmStats {

    /** Two significant digits and up to an hour in microseconds / milliseconds cover every latency here. */
    private static final long MAX_RTT_US = TimeUnit.MINUTES.toMicros(1);
    private static final long MAX_WAIT_MS = TimeUnit.HOURS.toMillis(1);

    final LongAdder inputsSent = new LongAdder();
    final LongAdder snapshotsReceived = new LongAdder();
    final LongAdder matchCycles = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    /** Game connections that dropped by themselves and were resumed in the same slot. */
    final LongAdder resumedAfterDrop = new LongAdder();
    /** Reconnects refused because the match had ended meanwhile (not an error). */
    final LongAdder reconnectsTooLate = new LongAdder();
    final LongAdder badPacketsSent = new LongAdder();
    final LongAdder floodInputsSent = new LongAdder();
    /** Bot ticks a late event loop skipped (see {@link TickDriver}): the swarm itself was short of CPU. */
    final LongAdder botTicksSkipped = new LongAdder();
    final LongAdder abortedMatches = new LongAdder();
    /** MatchAborted pushes (the match's game server was lost), by whether the ticket was requeued. */
    final LongAdder lostMatchesRequeued = new LongAdder();
    final LongAdder lostMatchesNotRequeued = new LongAdder();
    /** Match-server connections lost by a queued crew (its match-server died or was drained). */
    final LongAdder queueConnectionsLost = new LongAdder();
    /** After such a loss and a new login, the ticket was still there (taken over by the new instance). */
    final LongAdder ticketsResumed = new LongAdder();
    /** After such a loss the server had no ticket for the crew any more: it joined again. */
    final LongAdder ticketsJoinedAgain = new LongAdder();
    final LongAdder errorsTotal = new LongAdder();

    private final Recorder rttUs = new Recorder(MAX_RTT_US, 2);
    private final Recorder timeToMatchMs = new Recorder(MAX_WAIT_MS, 2);
    private final Recorder rankUpdateMs = new Recorder(MAX_WAIT_MS, 2);
    /** The same waits again per ticket group (mode; solo or party), see {@link TimeToMatchSplit}. */
    private final Map<String, Recorder> timeToMatchMsByGroup = new LinkedHashMap<>();
    private static final RateLimitedLog ERROR_LOG = RateLimitedLog.perMinute(LoggerFactory.getLogger(SwarmStats.class));

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> errorExamples = new ConcurrentHashMap<>();
    private final Set<String> completedMatches = ConcurrentHashMap.newKeySet();
    private final Set<String> abortedMatchIds = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SwarmStats() {
        TimeToMatchSplit.GROUPS.forEach(group -> timeToMatchMsByGroup.put(group, new Recorder(MAX_WAIT_MS, 2)));
    }

    void recordRtt(long nanos) {
        rttUs.recordValue(Math.min(MAX_RTT_US, nanos / 1_000));
    }

    /** One player's wait from JoinQueue to its MatchFound, in the total and in its ticket's groups. */
    void recordTimeToMatch(String modeWireName, int ticketPlayers, long nanos) {
        long ms = Math.min(MAX_WAIT_MS, TimeUnit.NANOSECONDS.toMillis(nanos));
        timeToMatchMs.recordValue(ms);
        for (String group : TimeToMatchSplit.groupsOf(modeWireName, ticketPlayers)) {
            timeToMatchMsByGroup.get(group).recordValue(ms);
        }
    }

    void recordRankUpdate(long nanos) {
        rankUpdateMs.recordValue(Math.min(MAX_WAIT_MS, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    /**
     * A failure of the backend as a player would notice it; {@code kind} is low-cardinality and
     * {@code detail} says what happened (the first one of each kind goes into the report, and
     * every one into a rate-limited log line).
     */
    void error(String kind, String detail) {
        if (closed) {
            return; // the swarm itself is tearing down what is left: not the backend's doing
        }
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        errorsTotal.increment();
        errorExamples.putIfAbsent(kind, detail);
        ERROR_LOG.warn(kind, "bot error kind={} detail={}", kind, detail);
    }

    /** As {@link #error(String, String)}, the detail from a failed future. */
    void error(String kind, Throwable cause) {
        Throwable root = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                ? cause.getCause() : cause;
        error(kind, String.valueOf(root));
    }

    /** The first detail seen for each kind of error. */
    Map<String, String> errorExamples() {
        return new TreeMap<>(errorExamples);
    }

    /** A player saw the end of {@code matchId}; the match counts once however many players saw it. */
    void matchEnded(String matchId, boolean aborted) {
        completedMatches.add(matchId);
        if (aborted) {
            abortedMatchIds.add(matchId);
        }
    }

    /** From now on failures come from the swarm closing what is left, and are not counted. */
    void close() {
        closed = true;
    }

    long matchesCompleted() {
        return completedMatches.size();
    }

    Set<String> completedMatchIds() {
        return Set.copyOf(completedMatches);
    }

    /** Matches that ended aborted (nobody came): no result is rated for them. */
    Set<String> abortedMatchIds() {
        return Set.copyOf(abortedMatchIds);
    }

    Map<String, Long> errorsByKind() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    /**
     * The latencies since the previous call: round trip (us), time to match (ms) in total and per
     * ticket group, rank update (ms).
     */
    Interval interval() {
        Map<String, Histogram> byGroup = new LinkedHashMap<>();
        timeToMatchMsByGroup.forEach((group, recorder) -> byGroup.put(group, recorder.getIntervalHistogram()));
        return new Interval(rttUs.getIntervalHistogram(), timeToMatchMs.getIntervalHistogram(), byGroup,
                rankUpdateMs.getIntervalHistogram());
    }

    record Interval(Histogram rttUs, Histogram timeToMatchMs, Map<String, Histogram> timeToMatchMsByGroup,
                    Histogram rankUpdateMs) {
    }
}
