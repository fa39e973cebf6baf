package io.skirmish.match.queue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A ticket as stored in its queue's tickets hash ({@link MatchKeys.Queue#tickets}, field = ticket
 * id): one {@code field=value} line per field, known fields in {@link #FIELDS} order. One hash per
 * queue instead of one key per ticket lets a batch of tickets be written, read or removed with
 * one variadic command ({@code HSET}, {@code HMGET}, {@code HDEL}) where a key per ticket took a
 * command (and an expiry) each. The scripts read and write the same layout
 * ({@link LuaChunks#BODY}). Values never hold a newline; names never hold {@code =}. Immutable
 * constants, static methods.
 */
final class TicketBody {

    /**
     * Fields in the order they are written: {@code state} ({@code searching}, {@code matched},
     * {@code requeuing}), {@code players} (leader first, comma-separated), {@code mu},
     * {@code sigma}, {@code rtts} ({@code region=ms,...}), {@code owner}, {@code enq} (epoch ms),
     * {@code reason} ({@code no_server} after a failed allocation, ...), and, once matched,
     * {@code match}, {@code server}, {@code host}, {@code tcp_port}, {@code udp_port},
     * {@code slots}.
     */
    static final List<String> FIELDS = List.of("state", "players", "mu", "sigma", "rtts", "owner", "enq", "reason",
            "match", "server", "host", "tcp_port", "udp_port", "slots");

    private TicketBody() {
    }

    /** The fields as a body, in map order. */
    static String encode(Map<String, String> fields) {
        StringBuilder body = new StringBuilder(128);
        fields.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("ticket field " + name + " cannot be stored: '=' in its name or a newline");
            }
            if (body.length() > 0) {
                body.append('\n');
            }
            body.append(name).append('=').append(value);
        });
        return body.toString();
    }

    /** A body's fields (empty for null: the ticket does not exist). */
    static Map<String, String> decode(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null) {
            return fields;
        }
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }

    /** {@link #FIELDS} as a Lua list literal, for {@link LuaChunks#BODY}. */
    static String luaFieldList() {
        return FIELDS.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
    }
}
