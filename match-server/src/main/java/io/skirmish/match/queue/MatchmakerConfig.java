package io.skirmish.match.queue;

import io.skirmish.match.rules.FormationRules;
import io.skirmish.match.rules.QueueMode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Formation and queue settings.
 *
 * @param instanceId         this match-server's id (owner of its tickets, holder of leases)
 * @param regions            regions with queues
 * @param rules              formation rules per mode
 * @param formationInterval  pause between formation rounds
 * @param snapshotLimit      most tickets read per queue per round (oldest first)
 * @param maxQueueSize       joins to a queue this long are refused with SERVER_BUSY (admission control)
 * @param maxExpectedWait    joins to a queue whose backlog would take longer than this to form at its
 *                           measured formation rate are refused with SERVER_BUSY ({@link JoinAdmission})
 * @param claimTimeout       a claim not settled by then is recovered by the queue's lease holder
 * @param ownerLease         tickets of an instance that stopped renewing this long ago expire
 * @param ticketTtl          a ticket still searching after this long expires
 * @param formationLease     how long a queue's formation lease lasts without renewal
 * @param connectTokenTtl    lifetime of connect tokens (join window + time limit + reconnect grace)
 * @param placementThreads   threads that claim, allocate and notify formed matches
 */
public record MatchmakerConfig(String instanceId, List<String> regions, Map<QueueMode, FormationRules> rules,
                               Duration formationInterval, int snapshotLimit, int maxQueueSize, Duration claimTimeout,
                               Duration ownerLease, Duration ticketTtl, Duration formationLease,
                               Duration connectTokenTtl, int placementThreads, Duration maxExpectedWait) {

    public MatchmakerConfig {
        regions = List.copyOf(regions);
        rules = Map.copyOf(rules);
    }

    public FormationRules rules(QueueMode mode) {
        return rules.get(mode);
    }
}
