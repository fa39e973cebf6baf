package io.skirmish.match.queue;

/**
 * Lua helpers shared by several scripts, prepended to their text. Immutable constants.
 */
final class LuaChunks {

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
     * {@code names(value, entry)}: whether a queue index value names the ticket of
     * {@code entry} ({@code <mode>|<region>|<ticketId>}), whatever its reservation stamp.
     */
    static final String INDEX_NAMES = """
            local function names(value, entry)
              return value and (value == entry or string.sub(value, 1, #entry + 1) == entry .. '|')
            end
            """;
}
