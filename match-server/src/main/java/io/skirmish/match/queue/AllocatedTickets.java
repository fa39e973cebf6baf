package io.skirmish.match.queue;

import io.skirmish.match.rules.QueueMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tickets of an allocated match, per queue, as kept in the match's fate record
 * ({@code tickets} field of {@code skirmish:{gs}:match:<id>}): {@code <mode>|<region>|<ticketId>}
 * joined by commas. Written at allocation, read back when the match's game server is lost, so
 * its tickets (parties whole) can be put back into their queues.
 */
public final class AllocatedTickets {

    private AllocatedTickets() {
    }

    /** Encodes the ticket ids of each queue. */
    public static String encode(Map<MatchKeys.Queue, List<String>> parts) {
        StringBuilder text = new StringBuilder();
        parts.forEach((queue, ids) -> {
            for (String id : ids) {
                text.append(text.length() == 0 ? "" : ",").append(queue.mode().wireName()).append('|')
                        .append(queue.region()).append('|').append(id);
            }
        });
        return text.toString();
    }

    /** Decodes {@link #encode}'s text; an unreadable part (unknown mode, missing field) is skipped. */
    public static Map<MatchKeys.Queue, List<String>> decode(String text) {
        Map<MatchKeys.Queue, List<String>> parts = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return parts;
        }
        for (String part : text.split(",")) {
            String[] fields = part.split("\\|", -1);
            QueueMode mode = fields.length == 3 ? QueueMode.fromWireName(fields[0]) : null;
            if (mode != null && !fields[1].isEmpty() && !fields[2].isEmpty()) {
                parts.computeIfAbsent(new MatchKeys.Queue(mode, fields[1]), q -> new ArrayList<>()).add(fields[2]);
            }
        }
        return parts;
    }
}
