package io.skirmish.kit.events;

import static org.assertj.core.api.Assertions.assertThat;

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
}
