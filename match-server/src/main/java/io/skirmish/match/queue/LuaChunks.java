package io.skirmish.match.queue;

/**
 * Lua helpers shared by several scripts, prepended to their text. Immutable constants.
 */
public final class LuaChunks {

    private LuaChunks() {
    }

    /**
     * {@code mget_all(keys, from, to)}: the values of {@code keys[from..to]} (false where absent);
     * {@code del_all(keys)}: deletes every key of the list. Each runs one variadic command per
     * slice of 1,000 keys instead of one command per key (Redis's cost per command is most of the
     * cost of a small read or delete), and the slice bounds what {@code unpack} puts on Lua's
     * stack, which refuses a few thousand values.
     */
    static final String MGET_DEL = """
            local function mget_all(keys, from, to)
              local values = {}
              for first = from, to, 1000 do
                local got = redis.call('MGET', unpack(keys, first, math.min(first + 999, to)))
                for k = 1, #got do values[#values + 1] = got[k] end
              end
              return values
            end
            local function del_all(keys)
              for first = 1, #keys, 1000 do
                redis.call('DEL', unpack(keys, first, math.min(first + 999, #keys)))
              end
            end
            """;

    /**
     * {@code push_all(command, key, values)}: runs a variadic write ({@code RPUSH}, {@code SADD},
     * {@code HDEL}, ...) of {@code values} on {@code key}, one command per slice of 1,000 values
     * (Lua's stack refuses a few thousand unpacked values); nothing for an empty list.
     */
    static final String PUSH_ALL = """
            local function push_all(command, key, values)
              for first = 1, #values, 1000 do
                redis.call(command, key, unpack(values, first, math.min(first + 999, #values)))
              end
            end
            """;

    /**
     * {@code read_all(command, key, values)}: the replies of a variadic read ({@code HMGET},
     * {@code ZMSCORE}) of {@code values} on {@code key}, concatenated (false where absent), one
     * command per slice of 1,000 values.
     */
    static final String READ_ALL = """
            local function read_all(command, key, values)
              local out = {}
              for first = 1, #values, 1000 do
                local got = redis.call(command, key, unpack(values, first, math.min(first + 999, #values)))
                for k = 1, #got do out[#out + 1] = got[k] end
              end
              return out
            end
            """;

    /**
     * {@code decode(body)}: a ticket body ({@link TicketBody}) as a table of fields, nil for an
     * absent one (false); {@code encode(t)}: the table as a body, its known fields in
     * {@link TicketBody#FIELDS} order, then any others; a field set to nil is left out, a newline
     * in a value is dropped (it separates fields).
     */
    static final String BODY = """
            local BODY_FIELDS = {%s}
            local function decode(body)
              if not body then return nil end
              local t = {}
              for line in string.gmatch(body, '[^\\n]+') do
                local k, v = string.match(line, '^([^=]*)=(.*)$')
                if k then t[k] = v end
              end
              return t
            end
            local function encode(t)
              local lines, known = {}, {}
              for _, k in ipairs(BODY_FIELDS) do
                known[k] = true
                if t[k] then lines[#lines + 1] = k .. '=' .. string.gsub(t[k], '\\n', '') end
              end
              for k, v in pairs(t) do
                if not known[k] then lines[#lines + 1] = k .. '=' .. string.gsub(v, '\\n', '') end
              end
              return table.concat(lines, '\\n')
            end
            """.formatted(TicketBody.luaFieldList());

    /**
     * What every script that reads or writes ticket bodies starts with: {@link #READ_ALL},
     * {@link #PUSH_ALL} and {@link #BODY} (also the lost-server requeue's, in another package).
     */
    public static final String TICKETS = READ_ALL + PUSH_ALL + BODY;

    /**
     * {@code names(value, entry)}: whether a queue index value names the ticket of
     * {@code entry} ({@code <mode>|<region>|<ticketId>}), whatever its reservation stamp.
     */
    static final String INDEX_NAMES = """
            local function names(value, entry)
              return value and (value == entry or string.sub(value, 1, #entry + 1) == entry .. '|')
            end
            """;
}
