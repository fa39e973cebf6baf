package io.skirmish.match.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.match.rules.QueueMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocatedTicketsTest {

    @Test
    void ticketsOfSeveralQueuesSurviveTheRecord() {
        Map<MatchKeys.Queue, List<String>> parts = new LinkedHashMap<>();
        parts.put(new MatchKeys.Queue(QueueMode.SQUAD, "eu"), List.of("t-1", "t-2"));
        parts.put(new MatchKeys.Queue(QueueMode.SQUAD, "us-east"), List.of("t-3"));

        String text = AllocatedTickets.encode(parts);

        assertThat(text).isEqualTo("squad|eu|t-1,squad|eu|t-2,squad|us-east|t-3");
        assertThat(AllocatedTickets.decode(text)).isEqualTo(parts);
    }

    @Test
    void unreadablePartsAreSkippedNotFatal() {
        assertThat(AllocatedTickets.decode("chess|eu|t-1,duel|eu,duel||t-2,duel|eu|t-3"))
                .containsExactly(Map.entry(new MatchKeys.Queue(QueueMode.DUEL, "eu"), List.of("t-3")));
        assertThat(AllocatedTickets.decode(null)).isEmpty();
        assertThat(AllocatedTickets.decode("")).isEmpty();
    }
}
