package io.skirmish.match.queue;

import io.skirmish.match.rules.Skill;
import io.skirmish.testkit.junit.RedisTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.skirmish.match.queue.TicketStoreFixture.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims, commits and releases against a real Redis, with the tickets of a queue in one hash: each
 * all or nothing per match, every ticket of a call read with one command, matched tickets kept
 * until the round drops them.
 */
@RedisTest(flushEachTest = true)
@Timeout(60)
class TicketStoreClaimIT extends TicketStoreCase {

    TicketStoreClaimIT() {
        super("claim-it");
    }

    @Test
    void claimsEachMatchAllOrNothingReadingTheWholeCallWithOneCommandEach() {
        long now = System.currentTimeMillis();
        List<String> t = ids(fixture.enqueue("m1", 6, now));
        long hmget = calls("hmget");
        long zmscore = calls("zmscore");

        int[] lost = store.claimAll(QUEUE, "", List.of(new TicketStore.Claim("a", List.of(t.get(0), t.get(1))),
                new TicketStore.Claim("b", List.of(t.get(2), t.get(1))),
                new TicketStore.Claim("c", List.of(t.get(3), t.get(4)))), now, 5_000);

        assertThat(lost).as("b lost its second ticket to a").containsExactly(-1, 1, -1);
        assertThat(redis.zrange(QUEUE.waiting(), 0, -1)).as("b took nothing").containsExactly(t.get(2), t.get(5));
        assertThat(redis.hkeys(QUEUE.claimed())).containsExactlyInAnyOrder("a", "c");
        assertThat(redis.zrange(QUEUE.claims(), 0, -1)).containsExactlyInAnyOrder("a", "c");
        assertThat(calls("hmget") - hmget).as("one read of every body of the call").isEqualTo(1);
        assertThat(calls("zmscore") - zmscore).as("one membership check of every ticket of the call").isEqualTo(1);
        assertThat(store.cancel(QUEUE, t.get(0), "cancelled").status()).as("a claimed ticket stays").isEqualTo("claimed");
    }

    @Test
    void aCommitMarksTheTicketsMatchedKeepsThemAndRunsOnce() {
        long now = System.currentTimeMillis();
        List<String> t = ids(fixture.enqueue("m1", 4, now));
        store.claimAll(QUEUE, "", List.of(new TicketStore.Claim("a", t.subList(0, 2)),
                new TicketStore.Claim("b", t.subList(2, 4))), now, 5_000);
        long hset = calls("hset");

        List<List<TicketStore.Committed>> committed = store.commitAll(QUEUE,
                List.of(commit("a", "gs-1"), commit("b", "gs-2")));

        assertThat(committed.get(0)).extracting(TicketStore.Committed::ticketId).containsExactly(t.get(0), t.get(1));
        assertThat(committed.get(1).get(0).players()).containsExactly("m1-p2");
        assertThat(calls("hset") - hset).as("every ticket of the call written with one command").isEqualTo(1);
        assertThat(store.read(QUEUE, t.get(3))).containsEntry("state", "matched").containsEntry("match", "b")
                .containsEntry("server", "gs-2").containsEntry("players", "m1-p3").containsEntry("owner", "m1");
        assertThat(redis.zrange(QUEUE.kept(), 0, -1)).containsExactlyInAnyOrderElementsOf(t);
        assertThat(redis.hlen(QUEUE.claimed())).isZero();
        assertThat(redis.zcard(QUEUE.claims())).isZero();
        assertThat(store.stats(QUEUE)).containsEntry("matched", "4");

        assertThat(store.commitAll(QUEUE, List.of(commit("a", "gs-1")))).containsExactly(List.of());
        assertThat(store.stats(QUEUE)).as("a second commit counts nothing").containsEntry("matched", "4");
    }

    @Test
    void aReleasePutsTheTicketsBackAtTheirEnqueueTimeWithTheReason() {
        long now = System.currentTimeMillis();
        List<String> t = ids(fixture.enqueue("m1", 3, now));
        store.claimAll(QUEUE, "", List.of(new TicketStore.Claim("a", t.subList(0, 2))), now, 5_000);

        assertThat(store.release(QUEUE, "a", "no_server")).containsExactlyInAnyOrder(t.get(0), t.get(1));
        assertThat(store.release(QUEUE, "a", "no_server")).as("once").isEmpty();

        assertThat(redis.zrange(QUEUE.waiting(), 0, -1)).as("in their places").containsExactlyElementsOf(t);
        assertThat(redis.zscore(QUEUE.waiting(), t.get(1))).isEqualTo((double) (now + 1));
        assertThat(store.read(QUEUE, t.get(0))).containsEntry("reason", "no_server").containsEntry("state", "searching");
        assertThat(redis.hlen(QUEUE.claimed())).isZero();
        assertThat(store.stats(QUEUE)).containsEntry("requeued", "2");
    }

    @Test
    void theRoundDropsAKeptTicketOnceItsTimeIsUpAndNothingElse() {
        long now = System.currentTimeMillis();
        List<String> t = ids(fixture.enqueue("m1", 3, now));
        store.claimAll(QUEUE, "", List.of(new TicketStore.Claim("a", t.subList(0, 2))), now, 5_000);
        store.commitAll(QUEUE, List.of(commit("a", "gs-1")));
        redis.zadd(QUEUE.kept(), now - 1, t.get(0)); // its keep ran out

        fixture.round("m1", now, new TicketBodies());

        assertThat(store.read(QUEUE, t.get(0))).as("dropped").isEmpty();
        assertThat(redis.zrange(QUEUE.kept(), 0, -1)).containsExactly(t.get(1));
        assertThat(store.read(QUEUE, t.get(1))).containsEntry("state", "matched");
        assertThat(store.read(QUEUE, t.get(2))).containsEntry("state", "searching");
    }

    @Test
    void aWriteWithinAFreshOwnerLeaseLeavesTheLeaseAlone() {
        long now = System.currentTimeMillis();
        long redisSec = Long.parseLong((String) redis.eval("return redis.call('TIME')[1]"));
        Ticket ticket = new Ticket("leased-1", QUEUE, List.of("p1", "p2"), new Skill(30, 4), now,
                Map.of("it", 25), "m3");

        assertThat(store.enqueueAllLeased(List.of(new TicketStore.NewTicket(ticket, redisSec)), "m3", 30))
                .containsExactly(1);

        assertThat(redis.zscore(QUEUE.owners(), "m3")).as("no lease written").isNull();
        assertThat(store.read(QUEUE, "leased-1")).containsEntry("players", "p1,p2").containsEntry("rtts", "it=25")
                .containsEntry("enq", Long.toString(now)).containsEntry("state", "searching");
        assertThat(store.stats(QUEUE)).containsEntry("joined", "1");
    }

    @Test
    void writingAWaitingTicketAgainKeepsItsBodyAndCountsItOnce() {
        long now = System.currentTimeMillis();
        Ticket first = fixture.enqueue("m1", 1, now).get(0);
        long redisSec = Long.parseLong((String) redis.eval("return redis.call('TIME')[1]"));
        Ticket again = new Ticket(first.id(), QUEUE, List.of("intruder"), new Skill(1, 1), now + 5, Map.of(), "m2");
        Ticket fresh = new Ticket("fresh-1", QUEUE, List.of("p9"), new Skill(25, 8), now + 6, Map.of(), "m2");

        int[] status = store.enqueueAll(List.of(new TicketStore.NewTicket(again, redisSec),
                new TicketStore.NewTicket(fresh, redisSec), new TicketStore.NewTicket(fresh, redisSec)), "m2", now + 60_000, 30);

        assertThat(status).containsExactly(0, 1, 0);
        assertThat(store.read(QUEUE, first.id())).containsEntry("players", "m1-p0").containsEntry("owner", "m1");
        assertThat(redis.zscore(QUEUE.waiting(), first.id())).isEqualTo((double) now);
        assertThat(store.stats(QUEUE)).containsEntry("joined", "2");
    }

    private static TicketStore.Commit commit(String matchId, String server) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("match", matchId);
        fields.put("server", server);
        fields.put("host", "127.0.0.1");
        fields.put("tcp_port", "7000");
        fields.put("udp_port", "7001");
        fields.put("slots", "x=0,y=1");
        return new TicketStore.Commit(matchId, fields);
    }

    private static List<String> ids(List<Ticket> tickets) {
        return tickets.stream().map(Ticket::id).toList();
    }

    private long calls(String command) {
        return redis.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_" + command + ":")).findFirst()
                .map(l -> Long.parseLong(l.substring(l.indexOf("calls=") + 6, l.indexOf(',', l.indexOf("calls=")))))
                .orElse(0L);
    }
}
