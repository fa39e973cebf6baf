package io.skirmish.ranking.board;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.io.NumberInput;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.Rating;

/** Turns Redis replies (members, scores, {@code "mu sigma"} ratings) into protocol entries. */
final class Rows {

    private Rows() {
    }

    /**
     * Appends a {@code ZREVRANGE ... WITHSCORES} reply (member, score, member, score...) whose first
     * row has 0-based rank {@code start}; {@code ratings} (an {@code HMGET} reply in the same order)
     * may be {@code null}.
     */
    static void addRange(LeaderboardPage.Builder page, long start, List<?> rows, List<?> ratings) {
        for (int i = 0, row = 0; i + 1 < rows.size(); i += 2, row++) {
            page.addEntries(entry(start + row, rows.get(i), rows.get(i + 1),
                    ratings != null && row < ratings.size() ? ratings.get(row) : null));
        }
    }

    /** One entry; {@code rank} is 0-based as Redis gives it; {@code rating} may be {@code null}. */
    static Entry entry(long rank, Object member, Object score, Object rating) {
        Entry.Builder entry = Entry.newBuilder().setRank(rank + 1).setPlayerId(text(member))
                .setScore(ScoreCodec.value(number(score)));
        if (rating != null) {
            String muSigma = text(rating);
            int space = muSigma.indexOf(' ');
            if (space > 0 && muSigma.indexOf(' ', space + 1) < 0) {
                entry.setRating(Rating.newBuilder().setMu(parseDouble(muSigma.substring(0, space)))
                        .setSigma(parseDouble(muSigma.substring(space + 1))));
            }
        }
        return entry.build();
    }

    /**
     * A {@code ZREVRANGE ... WITHSCORES} reply as a flat list (member, score, ...): RESP2 sends it
     * flat, RESP3 (Jedis's default) as {@code [member, score]} pairs.
     */
    static List<?> range(Object reply) {
        List<?> rows = (List<?>) reply;
        if (rows.isEmpty() || !(rows.get(0) instanceof List<?>)) {
            return rows;
        }
        List<Object> flat = new ArrayList<>(rows.size() * 2);
        for (Object pair : rows) {
            flat.addAll((List<?>) pair);
        }
        return flat;
    }

    /** The members of a {@code WITHSCORES} reply. */
    static String[] members(List<?> rows) {
        String[] members = new String[rows.size() / 2];
        for (int i = 0; i < members.length; i++) {
            members[i] = text(rows.get(2 * i));
        }
        return members;
    }

    static long integer(Object value) {
        return (Long) value;
    }

    static double number(Object value) {
        return value instanceof Double d ? d : parseDouble(text(value));
    }

    /**
     * The same double as {@link Double#parseDouble} (correctly rounded), by the fast parser that
     * Jackson bundles: ratings are stored with 17 significant digits, where the JDK's parser
     * falls back to big-integer arithmetic (8 % of a query loop's time in a profile).
     */
    static double parseDouble(String text) {
        return NumberInput.parseDouble(text, true);
    }

    static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
