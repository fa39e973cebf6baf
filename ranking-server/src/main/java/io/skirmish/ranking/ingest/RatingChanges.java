package io.skirmish.ranking.ingest;

import java.util.ArrayList;
import java.util.List;

import io.skirmish.kit.events.EventDoc;
import io.skirmish.ranking.rating.Rating;

/**
 * The rating changes one applied result made, the content of its {@code rating_changed}
 * events. Kept in the match's applied marker as {@link #payload()}, so that a result whose
 * events were lost (the process died after the commit, before writing them) gets them written
 * when it is delivered again and found to be a duplicate.
 *
 * <pre>
 * payload = mode ' ' season ' ' endedAtMs { ';' playerId ' ' muBefore ' ' sigmaBefore ' ' muAfter ' ' sigmaAfter }
 * marker  = seq '|' payload
 * </pre>
 */
public record RatingChanges(String matchId, String mode, String season, long endedAtMs, List<Change> changes) {

    public static final String EVENT_TYPE = "rating_changed";
    private static final String SERVICE = "ranking-server";

    public RatingChanges {
        changes = List.copyOf(changes);
    }

    /** One player's rating before (after any season reset) and after the match. */
    public record Change(String playerId, Rating before, Rating after) {
    }

    public String payload() {
        StringBuilder text = new StringBuilder(64 + changes.size() * 96);
        text.append(mode).append(' ').append(season).append(' ').append(endedAtMs);
        for (Change change : changes) {
            text.append(';').append(change.playerId())
                    .append(' ').append(change.before().mu()).append(' ').append(change.before().sigma())
                    .append(' ').append(change.after().mu()).append(' ').append(change.after().sigma());
        }
        return text.toString();
    }

    /** Reads a marker back; {@code null} when it is not one this version wrote. */
    public static RatingChanges fromMarker(String matchId, String marker) {
        int bar = marker.indexOf('|');
        if (bar < 0) {
            return null;
        }
        try {
            String[] parts = marker.substring(bar + 1).split(";");
            String[] head = parts[0].split(" ");
            List<Change> changes = new ArrayList<>(parts.length - 1);
            for (int i = 1; i < parts.length; i++) {
                String[] f = parts[i].split(" ");
                changes.add(new Change(f[0], new Rating(Double.parseDouble(f[1]), Double.parseDouble(f[2])),
                        new Rating(Double.parseDouble(f[3]), Double.parseDouble(f[4]))));
            }
            return new RatingChanges(matchId, head[0], head[1], Long.parseLong(head[2]), changes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The commit sequence number of a marker, or -1. */
    public static long sequenceOf(String marker) {
        int bar = marker.indexOf('|');
        try {
            return bar < 0 ? -1 : Long.parseLong(marker.substring(0, bar));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * One {@code rating_changed} document per player. The event id
     * {@code rating:<matchId>:<playerId>} makes a re-emitted event the same document.
     */
    public List<EventDoc> events() {
        List<EventDoc> docs = new ArrayList<>(changes.size());
        for (Change change : changes) {
            docs.add(EventDoc.start("rating:" + matchId + ":" + change.playerId(), EVENT_TYPE, endedAtMs, SERVICE)
                    .field("match_id", matchId)
                    .field("mode", mode)
                    .field("season", season)
                    .field("player_id", change.playerId())
                    .field("rating_before", (double) change.before().display())
                    .field("rating_after", (double) change.after().display())
                    .field("mu_before", change.before().mu())
                    .field("sigma_before", change.before().sigma())
                    .field("mu_after", change.after().mu())
                    .field("sigma_after", change.after().sigma()));
        }
        return docs;
    }
}
