package io.skirmish.match.queue;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketBodyTest {

    @Test
    void aBodyReadsBackFieldForFieldWithEqualsSignsAndEmptyValuesKept() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("state", "matched");
        fields.put("players", "a,b.c,d:e");
        fields.put("rtts", "eu=30,na=120");
        fields.put("reason", "");
        fields.put("slots", "a=0,b.c=1");

        String body = TicketBody.encode(fields);

        assertThat(body).isEqualTo("state=matched\nplayers=a,b.c,d:e\nrtts=eu=30,na=120\nreason=\nslots=a=0,b.c=1");
        assertThat(TicketBody.decode(body)).containsExactlyEntriesOf(fields);
    }

    @Test
    void anAbsentTicketHasNoFields() {
        assertThat(TicketBody.decode(null)).isEmpty();
    }

    @Test
    void refusesAValueThatWouldSplitIntoTwoFields() {
        assertThatThrownBy(() -> TicketBody.encode(Map.of("owner", "m1\nstate=matched")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner");
        assertThatThrownBy(() -> TicketBody.encode(Map.of("a=b", "1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScriptsWriteTheKnownFieldsInTheSameOrder() {
        assertThat(TicketBody.luaFieldList()).startsWith("'state', 'players', 'mu'").endsWith("'slots'");
        assertThat(LuaChunks.BODY).contains("local BODY_FIELDS = {" + TicketBody.luaFieldList() + "}");
    }
}
