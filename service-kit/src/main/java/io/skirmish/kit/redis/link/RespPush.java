package io.skirmish.kit.redis.link;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A RESP3 push ({@code >}): a message Redis sends on its own, between replies, such as a client
 * tracking {@code invalidate}. It answers no command, so {@link RedisLink} hands it to its
 * {@link RedisLink.Events} instead of to a waiting reply.
 *
 * @param elements the push's elements as {@link RespDecoder} reads them; the first names its kind
 */
public record RespPush(List<?> elements) {

    /** The push's kind, e.g. {@code "invalidate"}, or {@code ""} when it has none. */
    public String kind() {
        if (elements.isEmpty()) {
            return "";
        }
        Object first = elements.get(0);
        return first instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(first);
    }
}
