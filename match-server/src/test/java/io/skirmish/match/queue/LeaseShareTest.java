package io.skirmish.match.queue;

import io.skirmish.match.rules.QueueMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Three instances share nine queues through {@link LeaseShare}, against a simulated lease table. */
class LeaseShareTest {

    private final List<MatchKeys.Queue> queues = new ArrayList<>();
    private final Map<MatchKeys.Queue, String> holder = new HashMap<>();

    LeaseShareTest() {
        for (QueueMode mode : QueueMode.values()) {
            for (String region : List.of("eu", "na", "asia")) {
                queues.add(new MatchKeys.Queue(mode, region));
            }
        }
    }

    /** One round of {@code id} as the round script would play it. */
    private void round(String id, LeaseShare share, int live) {
        LeaseShare.Plan plan = share.plan();
        plan.release().forEach(q -> holder.remove(q, id));
        List<TicketStore.Round> rounds = new ArrayList<>();
        for (MatchKeys.Queue q : queues) {
            String now = holder.get(q);
            TicketStore.Lease lease;
            if (id.equals(now)) {
                lease = TicketStore.Lease.HELD;
            } else if (now == null && plan.mayTake().get(q)) {
                holder.put(q, id);
                lease = TicketStore.Lease.HELD;
            } else {
                lease = now == null ? TicketStore.Lease.FREE : TicketStore.Lease.OTHER;
            }
            rounds.add(new TicketStore.Round(q, lease, live, 0, List.of(), List.of(), List.of(), List.of(), 0));
        }
        share.observe(rounds);
    }

    private long held(String id) {
        return holder.values().stream().filter(id::equals).count();
    }

    @Test
    void aLoneInstanceFormsEveryQueue() {
        LeaseShare a = new LeaseShare("a", queues);
        round("a", a, 1);
        assertThat(held("a")).isEqualTo(9);
        assertThat(a.held()).hasSize(9);
    }

    @Test
    void instancesThatJoinLaterGetTheirShareWithinAFewRounds() {
        LeaseShare a = new LeaseShare("a", queues);
        LeaseShare b = new LeaseShare("b", queues);
        LeaseShare c = new LeaseShare("c", queues);
        round("a", a, 1);
        for (int i = 0; i < 6; i++) {
            round("a", a, 3);
            round("b", b, 3);
            round("c", c, 3);
        }
        assertThat(held("a")).isEqualTo(3);
        assertThat(held("b")).isEqualTo(3);
        assertThat(held("c")).isEqualTo(3);
        assertThat(holder).hasSize(9);
    }

    @Test
    void theQueuesOfADeadInstanceAreTakenBeforeItsOwnerLeaseRunsOut() {
        LeaseShare a = new LeaseShare("a", queues);
        LeaseShare b = new LeaseShare("b", queues);
        LeaseShare c = new LeaseShare("c", queues);
        for (int i = 0; i < 6; i++) {
            round("a", a, 3);
            round("b", b, 3);
            round("c", c, 3);
        }
        assertThat(held("c")).isEqualTo(3);
        holder.values().removeIf("c"::equals); // c died; its leases expired, its owner lease not yet
        for (int i = 0; i <= LeaseShare.TAKE_FREE_AFTER_ROUNDS + 1; i++) {
            round("a", a, 3); // both still count 3 live instances
            round("b", b, 3);
        }
        assertThat(holder).hasSize(9);
        assertThat(held("a") + held("b")).isEqualTo(9);
        Map<MatchKeys.Queue, String> settled = new HashMap<>(holder);
        for (int i = 0; i < 10; i++) { // and they stay put instead of bouncing between a and b
            round("a", a, 3);
            round("b", b, 3);
        }
        assertThat(holder).isEqualTo(settled);
    }

    @Test
    void nobodyHoldsMoreThanItsShareOnceSettled() {
        LeaseShare a = new LeaseShare("a", queues);
        LeaseShare b = new LeaseShare("b", queues);
        for (int i = 0; i < 6; i++) {
            round("a", a, 2);
            round("b", b, 2);
        }
        assertThat(held("a")).isLessThanOrEqualTo(5);
        assertThat(held("b")).isLessThanOrEqualTo(5);
        assertThat(holder).hasSize(9);
    }
}
