package io.skirmish.ranking.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.skirmish.ranking.rating.Rating;
import org.junit.jupiter.api.Test;

class RatingChangesTest {

    @Test
    void markerKeepsEverythingTheEventsNeedExactly() {
        RatingChanges changes = new RatingChanges("m-7", "duel", "s1", 1_795_000_000_123L, List.of(
                new RatingChanges.Change("alice", new Rating(25, 25.0 / 3), new Rating(27.63523138347365, 8.065506316323548)),
                new RatingChanges.Change("bob", new Rating(25, 25.0 / 3), new Rating(22.36476861652635, 8.065506316323548))));
        String marker = 17 + "|" + changes.payload();
        assertThat(RatingChanges.fromMarker("m-7", marker)).isEqualTo(changes);
        assertThat(RatingChanges.sequenceOf(marker)).isEqualTo(17);
        assertThat(RatingChanges.fromMarker("m-7", "garbage")).isNull();
    }

    @Test
    void oneRatingChangedEventPerPlayerWithAStableId() {
        RatingChanges changes = new RatingChanges("m-7", "duel", "s1", 1_795_000_000_123L, List.of(
                new RatingChanges.Change("alice", new Rating(25, 25.0 / 3), new Rating(27.6, 8.0))));
        String json = changes.events().get(0).json();
        assertThat(changes.events().get(0).eventId()).isEqualTo("rating:m-7:alice");
        assertThat(json).contains("\"type\":\"rating_changed\"", "\"player_id\":\"alice\"", "\"rating_before\":1000.0",
                "\"rating_after\":" + (double) new Rating(27.6, 8.0).display(), "\"season\":\"s1\"");
    }
}
