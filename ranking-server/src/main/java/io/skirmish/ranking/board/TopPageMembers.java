package io.skirmish.ranking.board;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members last seen on each Top page of a rating board. A Top page changes only when a
 * result moves a player into or within it, so the next Top of the same page can ask for the
 * ratings of these members in the same step as the range: one Redis round trip instead of two
 * (the ratings step costs the ranking-server about a quarter of a Top's CPU). The guess is only
 * used when the range Redis returns has exactly these members; otherwise the ratings are read in
 * a second step as usual and the guess is replaced. It never answers anything by itself: every
 * Top still reads its rows and ratings from Redis.
 *
 * <p>Bounded: forgets everything when it holds more than {@value #MAX_PAGES} pages (a client
 * paging through a whole board). Thread-safe: the event loops share it.
 */
final class TopPageMembers {

    static final int MAX_PAGES = 1_024;

    private final Map<String, String[]> pages = new ConcurrentHashMap<>();

    /** The members last seen on the page, or {@code null}. */
    String[] guess(String page) {
        return pages.get(page);
    }

    void remember(String page, String[] members) {
        if (members.length == 0) {
            pages.remove(page);
            return;
        }
        if (pages.size() >= MAX_PAGES) {
            pages.clear();
        }
        pages.put(page, members);
    }

    /** The page of a board: its key and the 0-based ranks it spans. */
    static String page(String boardKey, long start, long stop) {
        return boardKey + '|' + start + '|' + stop;
    }
}
