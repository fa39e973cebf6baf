package io.skirmish.match.queue;

import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Skill;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TicketBodiesTest {

    private static final MatchKeys.Queue DUEL_EU = new MatchKeys.Queue(QueueMode.DUEL, "eu");
    private static final MatchKeys.Queue DUEL_NA = new MatchKeys.Queue(QueueMode.DUEL, "na");

    private static Ticket ticket(MatchKeys.Queue queue, String id, String owner) {
        return new Ticket(id, queue, List.of("p-" + id), new Skill(25, 8), 1_000, Map.of(), owner);
    }

    private static TicketBodies.Listed listed(String id) {
        return new TicketBodies.Listed(id, 1_000);
    }

    @Test
    void onlyTicketsNeverSeenAreMissing() {
        TicketBodies bodies = new TicketBodies();
        bodies.put(ticket(DUEL_EU, "a", "m1"));

        assertThat(bodies.missing(DUEL_EU, List.of("a", "b"))).containsExactly("b");
        assertThat(bodies.missing(DUEL_NA, List.of("a"))).as("bodies are per queue").containsExactly("a");
    }

    @Test
    void resolveKeepsListOrderAndLeavesOutUnknownTicketsAndDeadOwners() {
        TicketBodies bodies = new TicketBodies();
        bodies.put(ticket(DUEL_EU, "a", "m1"));
        bodies.put(ticket(DUEL_EU, "b", "m2"));
        bodies.put(ticket(DUEL_EU, "c", "m1"));

        List<Ticket> resolved = bodies.resolve(DUEL_EU, List.of(listed("c"), listed("gone"), listed("b"), listed("a")),
                Set.of("m1"));

        assertThat(resolved).extracting(Ticket::id).containsExactly("c", "a");
    }

    @Test
    void retainForgetsWhatTheLastRoundDidNotList() {
        TicketBodies bodies = new TicketBodies();
        bodies.put(ticket(DUEL_EU, "a", "m1"));
        bodies.put(ticket(DUEL_EU, "b", "m1"));
        bodies.put(ticket(DUEL_NA, "c", "m1"));

        bodies.retain(DUEL_EU, Set.of("b"));

        assertThat(bodies.size(DUEL_EU)).isEqualTo(1);
        assertThat(bodies.missing(DUEL_EU, List.of("a", "b"))).containsExactly("a");
        assertThat(bodies.size(DUEL_NA)).as("other queues untouched").isEqualTo(1);
    }

    @Test
    void forgetSurvivorsDropsTheSuspectsASweepKeptSoTheirNewOwnerIsReadAgain() {
        TicketBodies bodies = new TicketBodies();
        bodies.put(ticket(DUEL_EU, "taken", "dead"));
        bodies.put(ticket(DUEL_EU, "swept", "dead"));
        bodies.put(ticket(DUEL_EU, "alive", "m1"));

        bodies.forgetSurvivors(DUEL_EU, List.of("taken", "swept"), List.of("swept"));

        assertThat(bodies.missing(DUEL_EU, List.of("taken", "swept", "alive")))
                .as("the kept suspect is read again; the swept one is left for retain; the others untouched")
                .containsExactly("taken");
    }
}
