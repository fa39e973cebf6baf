package io.skirmish.kit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventDocTest {

    @Test
    void writesTheCommonFieldsThenTheEventsOwn() {
        String json = EventDoc.start("m1:7", "kill", 1_764_000_000_123L, "game-server")
                .field("match_id", "m1").field("tick", 42).field("hit", true).field("quality", 0.5)
                .point("position", 1.5, -2.25).json();

        assertThat(json).isEqualTo("{\"event_id\":\"m1:7\",\"type\":\"kill\",\"@timestamp\":\"2025-11-24T16:00:00.123Z\","
                + "\"service\":\"game-server\",\"match_id\":\"m1\",\"tick\":42,\"hit\":true,\"quality\":0.5,"
                + "\"position\":{\"x\":1.5,\"y\":-2.25}}");
    }

    @Test
    void escapesWhatPlayersCanChoose() {
        String json = EventDoc.start("e", "join", 0, "s").field("player_id", "a\"b\\c\n").json();

        assertThat(json).contains("\"player_id\":\"a\\\"b\\\\c\\n\"");
    }

    @Test
    void nestsObjectsAndArrays() {
        String json = EventDoc.start("e", "match_end", 0, "s")
                .startObject("rejected_inputs").field("fire_rate", 3).endObject()
                .startArray("players").startElement().field("player_id", "p").endObject().endArray()
                .json();

        assertThat(json).endsWith("\"rejected_inputs\":{\"fire_rate\":3},\"players\":[{\"player_id\":\"p\"}]}");
    }

    @Test
    void documentsBuiltSideBySideRenderApart() {
        List<EventDoc> round = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            round.add(EventDoc.start("e" + i, "match_formed", i, "s").field("match_id", "m" + i));
        }
        for (int i = 0; i < 50; i++) {
            round.get(i).field("players", i);
        }

        for (int i = 0; i < 50; i++) {
            assertThat(round.get(i).json()).startsWith("{\"event_id\":\"e" + i + "\"")
                    .endsWith("\"match_id\":\"m" + i + "\",\"players\":" + i + "}");
        }
    }

    @Test
    void aRenderedDocumentIsFinal() {
        EventDoc doc = EventDoc.start("e", "join", 0, "s").field("player_id", "p");
        String json = doc.json();

        assertThat(doc.json()).isSameAs(json);
        assertThatThrownBy(() -> doc.field("late", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already rendered");
    }
}
