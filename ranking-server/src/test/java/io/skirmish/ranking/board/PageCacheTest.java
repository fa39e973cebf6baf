package io.skirmish.ranking.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import org.junit.jupiter.api.Test;

class PageCacheTest {

    private static final String[] BOARD = {"lb:duel", "lb:duel:ratings"};
    private static final String[] WINS = {"lb:duel.wins"};

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PageCache cache = live(new PageCache(3, metrics()));

    private CacheMetrics metrics() {
        return new CacheMetrics(registry);
    }

    private static PageCache live(PageCache cache) {
        cache.live();
        return cache;
    }

    private static LeaderboardPage page(String leader) {
        return LeaderboardPage.newBuilder().setTotalEntries(1).addEntries(Entry.newBuilder().setRank(1).setPlayerId(leader))
                .build();
    }

    private double count(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counter().count();
    }

    @Test
    void servesAKeptPageUntilRedisReportsAChangeToOneOfItsKeys() {
        assertThat(cache.get("top")).isNull();
        assertThat(cache.put("top", BOARD, page("a"), cache.ticket())).isTrue();
        assertThat(cache.put("wins", WINS, page("w"), cache.ticket())).isTrue();

        assertThat(cache.get("top")).isEqualTo(page("a"));
        cache.invalidate(List.of("lb:duel:ratings"));

        assertThat(cache.get("top")).as("its ratings hash changed").isNull();
        assertThat(cache.get("wins")).as("another board's page stays").isEqualTo(page("w"));
        assertThat(count("ranking.cache.lookups", "outcome", "hit")).isEqualTo(2);
        assertThat(count("ranking.cache.lookups", "outcome", "miss")).isEqualTo(2);
        assertThat(count("ranking.cache.invalidated")).isEqualTo(1);
    }

    @Test
    void doesNotKeepAnAnswerReadBeforeAChangeThatWasReportedFirst() {
        long ticket = cache.ticket(); // the read leaves for Redis
        cache.invalidate(List.of("lb:duel")); // a result lands; its invalidation overtakes the read's reply
        assertThat(cache.put("top", BOARD, page("stale"), ticket)).isFalse();
        assertThat(cache.get("top")).isNull();
        assertThat(count("ranking.cache.stale")).isEqualTo(1);

        long unrelated = cache.ticket();
        cache.invalidate(List.of("lb:ffa"));
        assertThat(cache.put("top", BOARD, page("fresh"), unrelated)).as("a change to another key does not matter")
                .isTrue();
    }

    @Test
    void keepsNothingWhileRedisDoesNotTrackAndFlushesEverythingWhenTrackingLapses() {
        cache.put("top", BOARD, page("a"), cache.ticket());
        long inFlight = cache.ticket();

        cache.down(); // the tracking connection dropped: invalidations may have been lost
        assertThat(cache.size()).isZero();
        assertThat(cache.get("top")).isNull();
        assertThat(cache.ticket()).isEqualTo(PageCache.NO_TICKET);
        assertThat(cache.put("top", BOARD, page("b"), PageCache.NO_TICKET)).isFalse();

        cache.live(); // reconnected, tracking acknowledged
        assertThat(cache.put("top", BOARD, page("read before the reconnect"), inFlight)).isFalse();
        assertThat(cache.put("top", BOARD, page("c"), cache.ticket())).isTrue();
        assertThat(cache.get("top")).isEqualTo(page("c"));
        assertThat(count("ranking.cache.flushed")).isEqualTo(1);
    }

    @Test
    void dropsEverythingWhenRedisFlushesItsDatabase() {
        cache.put("top", BOARD, page("a"), cache.ticket());
        long inFlight = cache.ticket();
        cache.invalidateAll();
        assertThat(cache.get("top")).isNull();
        assertThat(cache.put("wins", WINS, page("w"), inFlight)).isFalse();
        assertThat(cache.isLive()).isTrue();
    }

    @Test
    void holdsAtMostItsCapOfPagesDroppingTheLeastRecentlyUsed() {
        for (String page : List.of("p1", "p2", "p3")) {
            cache.put(page, WINS, page(page), cache.ticket());
        }
        cache.get("p1"); // p2 is now the least recently used
        cache.put("p4", WINS, page("p4"), cache.ticket());

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("p2")).isNull();
        assertThat(cache.get("p1")).isNotNull();
        assertThat(count("ranking.cache.evicted")).isEqualTo(1);

        cache.invalidate(List.of(WINS));
        assertThat(cache.size()).as("an evicted page left the key index too").isZero();
        assertThat(count("ranking.cache.invalidated")).isEqualTo(3);
    }

    @Test
    void forgetsItsInvalidationRecordsByFlushingWhenTheyOutgrowTheirBound() {
        cache.put("top", BOARD, page("a"), cache.ticket());
        long ticket = cache.ticket();
        for (int i = 0; i <= PageCache.MAX_TRACKED_KEYS; i++) {
            cache.invalidate(List.of("lb:day:" + i));
        }
        assertThat(cache.size()).isZero();
        assertThat(cache.put("top", BOARD, page("b"), ticket)).as("read before the flush").isFalse();
        assertThat(cache.put("top", BOARD, page("c"), cache.ticket())).isTrue();
    }

    @Test
    void replacingAPageKeepsOnlyTheNewAnswer() {
        cache.put("top", BOARD, page("a"), cache.ticket());
        cache.put("top", BOARD, page("b"), cache.ticket());
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("top")).isEqualTo(page("b"));
    }
}
