package io.skirmish.match.queue;

import io.skirmish.match.rules.Candidate;
import io.skirmish.match.rules.MatchFormer;
import io.skirmish.match.rules.Proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage "form": turns one held queue's snapshot, plus the tickets of the same mode's other
 * regions that may now play here, into proposals (the rules in {@code rules} decide). Pure: no
 * I/O; called on placement threads, one queue each.
 */
final class FormStage {

    /** Most matches placed per queue per round: keeps each script call to a few ms of Redis. */
    static final int MAX_PLACEMENTS_PER_ROUND = 512;

    private final MatchmakerConfig config;

    FormStage(MatchmakerConfig config) {
        this.config = config;
    }

    /** At most {@link #MAX_PLACEMENTS_PER_ROUND} proposals: a backlog is placed over several rounds. */
    List<Proposal> propose(TicketStore.Round round, Map<MatchKeys.Queue, List<Ticket>> old, long nowMs) {
        MatchKeys.Queue queue = round.queue();
        List<Candidate> pool = new ArrayList<>(round.snapshot().size());
        for (Ticket ticket : round.snapshot()) {
            pool.add(ticket.candidate());
        }
        MatchFormer former = new MatchFormer(queue.mode(), config.rules(queue.mode()));
        for (Map.Entry<MatchKeys.Queue, List<Ticket>> other : old.entrySet()) {
            if (other.getKey().mode() == queue.mode() && !other.getKey().equals(queue)) {
                for (Ticket ticket : other.getValue()) {
                    if (former.rules().mayPlayIn(ticket.candidate(), queue.region(), nowMs)) {
                        pool.add(ticket.candidate());
                    }
                }
            }
        }
        return former.form(queue.region(), pool, nowMs, MAX_PLACEMENTS_PER_ROUND);
    }
}
