package io.skirmish.ranking.redis;

import io.netty.buffer.ByteBuf;

/** A command that writes itself as a RESP array (with {@link RespWriter}) into the link's outgoing buffer. */
@FunctionalInterface
public interface RedisCommand {

    void writeTo(ByteBuf out);
}
