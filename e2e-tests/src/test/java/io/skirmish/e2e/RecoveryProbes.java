package io.skirmish.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.contract.RegistryKeys;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * Recovery probes of a {@link ChaosStack}: each is built at the moment a fault heals and then
 * polled (by one thread) until it passes; reading Redis directly, never through a proxy.
 */
final class RecoveryProbes {

    private final ChaosStack stack;
    private final UnifiedJedis redis;

    RecoveryProbes(ChaosStack stack, UnifiedJedis redis) {
        this.stack = stack;
        this.redis = redis;
    }

    /** Every service ready again, a match formed after the heal, and a result applied after it. */
    BooleanSupplier endToEnd() {
        long healMs = System.currentTimeMillis();
        // The test's own connection may have been broken by the fault too: read until it answers.
        long seqAtHeal = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(this::sequence, seq -> true);
        return () -> {
            try {
                return stack.servicesReady() && sequence() > seqAtHeal && formedSince(healMs);
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /**
     * Waits, at most {@code limit}, until the server hosts a match (its registry's hosted set), so
     * that killing it has something to abort: with two servers and matches of 2-4 s, one of them
     * can sit empty for a few seconds, and a kill then aborts nothing (seen once in CI).
     */
    void awaitHosting(String serverId, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> !hosted(redis, serverId).isEmpty());
    }

    /** Matches the server's current incarnation hosts and has not ended. */
    static Set<String> hosted(UnifiedJedis redis, String serverId) {
        String incarnation = redis.hget(RegistryKeys.server(serverId), "incarnation");
        return incarnation == null ? Set.of() : redis.smembers(RegistryKeys.hosted(incarnation, serverId));
    }

    /**
     * Every match the lost server was given has a final fate: aborted (by the lost-server sweep)
     * or ended (its result was written before the kill). Read from the fate records
     * ({@code skirmish:{gs}:match:<id>}, field {@code server}), so a match allocated a moment
     * before the kill is waited for too.
     */
    BooleanSupplier settled(String serverId) {
        return () -> {
            try {
                for (String key : fateKeys()) {
                    Map<String, String> fate = redis.hgetAll(key);
                    if (serverId.equals(fate.get("server")) && !"aborted".equals(fate.get("state"))
                            && !"ended".equals(fate.get("state"))) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    private List<String> fateKeys() {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match(RegistryKeys.match("*")).count(1_000));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    /** The log-shipper has read and acknowledged (Elasticsearch has) every event written before the heal. */
    BooleanSupplier shipperCaughtUp() {
        List<StreamEntry> last = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> redis.xrevrange(EventStreams.EVENTS, (StreamEntryID) null, null, 1), entries -> true);
        StreamEntryID target = last.isEmpty() ? new StreamEntryID() : last.get(0).getID();
        return () -> {
            try {
                for (StreamGroupInfo group : redis.xinfoGroups(EventStreams.EVENTS)) {
                    if (group.getName().equals("logship")) {
                        boolean delivered = group.getLastDeliveredId().compareTo(target) >= 0;
                        boolean acked = redis.xpending(EventStreams.EVENTS, "logship", XPendingParams.xPendingParams(
                                new StreamEntryID(), target, 1)).isEmpty();
                        return delivered && acked;
                    }
                }
                return false;
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /** The tickets the first match-server holds now (just before it is killed). */
    QueuedTickets queuedOnFirstMatchServer() {
        return QueuedTickets.ownedBy(redis, ChaosStack.FIRST_MATCH_SERVER);
    }

    /**
     * Every ticket queued on the killed match-server taken over by the other one (its players
     * logged in again through HAProxy) or matched, none deleted, and a match formed since.
     */
    BooleanSupplier ticketsTakenOver(QueuedTickets queued) {
        long killedMs = System.currentTimeMillis();
        return () -> {
            try {
                return queued.allTakenOverOrMatched() && formedSince(killedMs);
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    private long sequence() {
        String seq = redis.get("skirmish:{rk}:seq");
        return seq == null ? 0 : Long.parseLong(seq);
    }

    private boolean formedSince(long sinceMs) {
        for (StreamEntry entry : redis.xrevrange(EventStreams.EVENTS, (StreamEntryID) null, null, 2_000)) {
            if (entry.getID().getTime() < sinceMs) {
                return false;
            }
            if ("match_formed".equals(entry.getFields().get(EventStreams.FIELD_TYPE))) {
                return true;
            }
        }
        return false;
    }
}
