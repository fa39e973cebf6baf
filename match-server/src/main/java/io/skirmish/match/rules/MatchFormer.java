package io.skirmish.match.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Forms matches from one queue's waiting tickets. Pure: no I/O, no clock of its own (the caller
 * passes {@code nowMs}), so tests drive it with any time they like.
 *
 * <p>Algorithm, per round:
 * <ol>
 *   <li>Tickets that may not play in the queue's region (see {@link FormationRules#mayPlayIn})
 *       are dropped from the pool.</li>
 *   <li>Anchors are taken oldest first. The anchor's skill window (the widest, since it waited
 *       longest) bounds the match: every ticket in it has {@code |mu - anchor mu| <= window}.</li>
 *   <li>Tickets are added nearest in mu first, skipping any that would make the groups
 *       impossible to pack into teams (a party never splits), until the match is full. An
 *       anchor that has waited long enough takes a short lobby instead ({@link LobbyFill}): an
 *       FFA with whoever was found; a squad with even, smaller teams (2v2), walking again with
 *       teams of 2 when what was found does not split evenly (a party of 3 cannot play a 2v2).</li>
 *   <li>{@link TeamBalancer} assigns the groups to teams with the smallest team gap, and
 *       {@link Quality} scores the result.</li>
 * </ol>
 * Every anchor first tries a full match; short ones are formed only in a second pass, from the
 * tickets no full match took. An anchor that cannot be filled stays for the next round, when its window is wider. A round
 * forms at most a given number of matches (the oldest anchors first), so its cost stays bounded
 * however long the queue is.
 */
public final class MatchFormer {

    private final QueueMode mode;
    private final FormationRules rules;

    public MatchFormer(QueueMode mode, FormationRules rules) {
        this.mode = mode;
        this.rules = rules;
    }

    public QueueMode mode() {
        return mode;
    }

    public FormationRules rules() {
        return rules;
    }

    /** Proposals for {@code pool} in {@code region}; no ticket appears in two of them. */
    public List<Proposal> form(String region, List<Candidate> pool, long nowMs) {
        return form(region, pool, nowMs, Integer.MAX_VALUE);
    }

    /** {@link #form(String, List, long)}, stopping after {@code limit} proposals. */
    public List<Proposal> form(String region, List<Candidate> pool, long nowMs, int limit) {
        List<Candidate> eligible = new ArrayList<>(pool.size());
        for (Candidate candidate : pool) {
            if (candidate.size() <= mode.maxPartySize() && rules.mayPlayIn(candidate, region, nowMs)) {
                eligible.add(candidate);
            }
        }
        int n = eligible.size();
        Integer[] byAge = new Integer[n];
        Integer[] byMu = new Integer[n];
        for (int i = 0; i < n; i++) {
            byAge[i] = i;
            byMu[i] = i;
        }
        Arrays.sort(byAge, Comparator.comparingLong((Integer i) -> eligible.get(i).enqueuedMs())
                .thenComparing(i -> eligible.get(i).ticketId()));
        Arrays.sort(byMu, Comparator.comparingDouble((Integer i) -> eligible.get(i).skill().mu())
                .thenComparingLong(i -> eligible.get(i).enqueuedMs()));
        int[] muPosition = new int[n];
        for (int p = 0; p < n; p++) {
            muPosition[byMu[p]] = p;
        }
        boolean[] used = new boolean[n];
        UnusedPositions unused = new UnusedPositions(n);
        List<Proposal> proposals = new ArrayList<>();
        // Full matches first, for every anchor; only then short ones for the anchors left that
        // waited long enough. One pass would let an old anchor take a short match out of tickets
        // that a younger anchor could have made a full one with.
        for (boolean shortAllowed : new boolean[] {false, true}) {
            for (int anchorIndex : byAge) {
                if (proposals.size() >= limit) {
                    return proposals;
                }
                if (used[anchorIndex]) {
                    continue;
                }
                int enough = shortAllowed
                        ? rules.fill().needed(mode, eligible.get(anchorIndex).waitMs(nowMs)) : mode.players();
                if (shortAllowed && enough == mode.players()) {
                    continue; // the first pass already tried it
                }
                Proposal proposal = tryAnchor(region, eligible, byMu, muPosition, used, unused, anchorIndex, nowMs,
                        enough);
                if (proposal != null) {
                    proposals.add(proposal);
                }
            }
        }
        return proposals;
    }

    private Proposal tryAnchor(String region, List<Candidate> eligible, Integer[] byMu, int[] muPosition,
                               boolean[] used, UnusedPositions unused, int anchorIndex, long nowMs, int enough) {
        Candidate anchor = eligible.get(anchorIndex);
        long anchorWaitMs = anchor.waitMs(nowMs);
        double window = rules.skillWindow().at(anchorWaitMs);
        Walk walk = walk(eligible, byMu, muPosition, unused, anchorIndex, window, mode.players(), mode.playersPerTeam());
        if (walk.total < mode.players() && !(mode.admits(walk.total)
                && TeamBalancer.packable(mode, mode.teamSize(walk.total), walk.selection))) {
            // A full match could not form and what was found does not make even teams of its
            // size (a short squad): walk again for the largest short match the fill accepts, with
            // its smaller teams, so parties that no longer fit are skipped instead of split.
            for (int count = walk.total - 1; count >= enough; count--) {
                if (mode.admits(count) && anchor.size() <= mode.teamSize(count)) {
                    walk = walk(eligible, byMu, muPosition, unused, anchorIndex, window, count, mode.teamSize(count));
                    if (walk.total == count) {
                        break;
                    }
                }
            }
        }
        if (walk.total < enough) {
            return null;
        }
        List<Candidate> selection = walk.selection;
        TeamBalancer.Balance balance = TeamBalancer.balance(mode, selection);
        if (balance == null) {
            return null;
        }
        double minMu = Double.POSITIVE_INFINITY;
        double maxMu = Double.NEGATIVE_INFINITY;
        for (Candidate c : selection) {
            minMu = Math.min(minMu, c.skill().mu());
            maxMu = Math.max(maxMu, c.skill().mu());
        }
        for (int index : walk.selected) {
            used[index] = true;
            unused.use(muPosition[index]);
        }
        return new Proposal(region, mode, selection, balance.teams(), Quality.score(balance.gap(), maxMu - minMu),
                window, anchorWaitMs);
    }

    /** The groups one walk from an anchor found: candidates, their indices, their players. */
    private record Walk(List<Candidate> selection, List<Integer> selected, int total) {
    }

    /**
     * Walks outwards from the anchor in mu order, nearest skill first, over unused tickets within
     * {@code window}, taking every group that still packs into teams of {@code teamSize} until
     * {@code needed} players are found or the window is exhausted. Marks nothing used.
     */
    private Walk walk(List<Candidate> eligible, Integer[] byMu, int[] muPosition, UnusedPositions unused,
                      int anchorIndex, double window, int needed, int teamSize) {
        Candidate anchor = eligible.get(anchorIndex);
        double low = anchor.skill().mu() - window;
        double high = anchor.skill().mu() + window;
        List<Candidate> selection = new ArrayList<>(needed);
        List<Integer> selected = new ArrayList<>(needed);
        selection.add(anchor);
        selected.add(anchorIndex);
        int total = anchor.size();
        int down = unused.atOrBelow(muPosition[anchorIndex] - 1);
        int up = unused.atOrAbove(muPosition[anchorIndex] + 1);
        while (total < needed) {
            boolean downOk = down >= 0 && eligible.get(byMu[down]).skill().mu() >= low;
            boolean upOk = up < byMu.length && eligible.get(byMu[up]).skill().mu() <= high;
            if (!downOk && !upOk) {
                break;
            }
            boolean takeDown = downOk && (!upOk || anchor.skill().mu() - eligible.get(byMu[down]).skill().mu()
                    <= eligible.get(byMu[up]).skill().mu() - anchor.skill().mu());
            int next;
            if (takeDown) {
                next = byMu[down];
                down = unused.atOrBelow(down - 1);
            } else {
                next = byMu[up];
                up = unused.atOrAbove(up + 1);
            }
            Candidate candidate = eligible.get(next);
            if (total + candidate.size() > needed) {
                continue;
            }
            selection.add(candidate);
            if (!TeamBalancer.packable(mode, teamSize, selection)) {
                selection.remove(selection.size() - 1);
                continue;
            }
            selected.add(next);
            total += candidate.size();
        }
        return new Walk(selection, selected, total);
    }
}
