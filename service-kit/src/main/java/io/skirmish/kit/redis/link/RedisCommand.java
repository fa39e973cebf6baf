package io.skirmish.kit.redis.link;

import io.netty.buffer.ByteBuf;

/**
 * One or more commands that write themselves in RESP (with {@link RespWriter}) into the link's
 * outgoing buffer and are answered together: with {@link #replies()} above 1 the link hands the
 * replies over as one {@code List}, in order.
 */
@FunctionalInterface
public interface RedisCommand {

    void writeTo(ByteBuf out);

    /** How many replies Redis sends for what {@link #writeTo} wrote (one per command). */
    default int replies() {
        return 1;
    }
}
