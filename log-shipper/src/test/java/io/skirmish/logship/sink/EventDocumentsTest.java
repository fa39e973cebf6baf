package io.skirmish.logship.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.skirmish.kit.events.EventDoc;
import org.junit.jupiter.api.Test;

class EventDocumentsTest {

    private static EventDocuments.Checked check(String json) {
        return EventDocuments.check("skirmish-events", json.getBytes(StandardCharsets.UTF_8), 10_000);
    }

    @Test
    void picksTheDailyIndexFromTheEventTimestamp() {
        String json = EventDoc.start("m1:1", "kill", java.time.Instant.parse("2026-11-25T23:59:59.999Z").toEpochMilli(),
                "game-server").field("match_id", "m1").json();
        EventDocuments.Checked checked = check(json);
        assertThat(checked.valid()).isTrue();
        assertThat(checked.index()).isEqualTo("skirmish-events-2026.11.25");
        assertThat(new String(checked.doc(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void readsOffsetsLocalTimesAndEpochMillis() {
        assertThat(check("{\"@timestamp\":\"2026-11-26T00:30:00+01:00\"}").index()).isEqualTo("skirmish-events-2026.11.25");
        assertThat(check("{\"@timestamp\":\"2026-11-26T00:30:00\"}").index()).isEqualTo("skirmish-events-2026.11.26");
        assertThat(check("{\"a\":{\"@timestamp\":\"x\"},\"@timestamp\":0}").index()).isEqualTo("skirmish-events-1970.01.01");
    }

    @Test
    void compactsAMultiLineDocumentBecauseTheBulkBodyIsNewlineDelimited() {
        EventDocuments.Checked checked = check("{\n  \"@timestamp\": \"2026-11-25T10:00:00Z\",\n  \"x\": [1, 2]\n}");
        assertThat(new String(checked.doc(), StandardCharsets.UTF_8))
                .isEqualTo("{\"@timestamp\":\"2026-11-25T10:00:00Z\",\"x\":[1,2]}");
    }

    @Test
    void rejectsWhatElasticsearchCouldNeverIndexWithAReason() {
        assertThat(check("").rejection()).contains("empty");
        assertThat(check("[1]").rejection()).contains("not a JSON object");
        assertThat(check("{\"@timestamp\":\"2026-11-25T10:00:00Z\"").rejection()).contains("malformed JSON");
        assertThat(check("{\"@timestamp\":\"2026-11-25T10:00:00Z\"} {}").rejection()).contains("trailing");
        assertThat(check("{\"type\":\"kill\"}").rejection()).contains("missing @timestamp");
        assertThat(check("{\"@timestamp\":\"yesterday\"}").rejection()).contains("unreadable @timestamp");
        assertThat(check("{\"@timestamp\":true}").rejection()).contains("unreadable @timestamp");
        assertThat(EventDocuments.check("p", new byte[20_000], 10_000).rejection()).contains("20000 bytes, limit 10000");
    }

    @Test
    void refusesAbsurdNesting() {
        String deep = "{\"@timestamp\":0,\"a\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}";
        assertThat(check(deep).rejection()).contains("malformed JSON");
    }
}
