package io.skirmish.ranking.board;

import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.redis.RedisCommand;
import io.skirmish.ranking.redis.RespWriter;
import io.skirmish.ranking.store.LuaScript;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * One leaderboard query ready for Redis: a read script by SHA (or a plain command) with its keys
 * and arguments, and how its reply becomes the answer. Immutable, so any thread may use it.
 *
 * <p>The query server writes it on a {@code RedisLink} ({@link #writeTo}, non-blocking); when
 * Redis does not know the script it sends {@link #bySource()} once. {@link #runOn} runs it with
 * Jedis instead (blocking: operator tools, tests, the benchmark's in-process row).
 */
public final class BoardCall implements RedisCommand {

    /** Turns Redis's reply (shapes as Jedis and {@code RespDecoder} give them) into the reply body. */
    @FunctionalInterface
    interface Reader {
        void read(Object reply, ServerMessage.Builder into);
    }

    private final LuaScript script;
    private final String command;
    private final String[] keys;
    private final String[] args;
    private final Reader reader;

    private BoardCall(LuaScript script, String command, String[] keys, String[] args, Reader reader) {
        this.script = script;
        this.command = command;
        this.keys = keys;
        this.args = args;
        this.reader = reader;
    }

    static BoardCall script(LuaScript script, String[] keys, String[] args, Reader reader) {
        return new BoardCall(script, null, keys, args, reader);
    }

    /** A plain command of the keys then the arguments, e.g. {@code ZCARD key}. */
    static BoardCall command(String command, String[] keys, String[] args, Reader reader) {
        Protocol.Command.valueOf(command);
        return new BoardCall(null, command, keys, args, reader);
    }

    /** {@code EVALSHA sha numkeys keys... args...}, or the plain command. */
    @Override
    public void writeTo(ByteBuf out) {
        if (script == null) {
            RespWriter.array(out, 1 + keys.length + args.length);
            RespWriter.bulk(out, command);
        } else {
            RespWriter.array(out, 3 + keys.length + args.length);
            RespWriter.bulk(out, "EVALSHA");
            RespWriter.bulk(out, script.sha());
            RespWriter.bulk(out, keys.length);
        }
        writeKeysAndArgs(out);
    }

    /** The same call with the script's source ({@code EVAL}), which also loads it into Redis's script cache. */
    public RedisCommand bySource() {
        if (script == null) {
            return this;
        }
        return out -> {
            RespWriter.array(out, 3 + keys.length + args.length);
            RespWriter.bulk(out, "EVAL");
            RespWriter.bulk(out, script.source());
            RespWriter.bulk(out, keys.length);
            writeKeysAndArgs(out);
        };
    }

    /** Fills the reply body ({@code page} or {@code player_rank}) from Redis's reply to this call. */
    public void answer(Object reply, ServerMessage.Builder into) {
        reader.read(reply, into);
    }

    /** Runs the call with Jedis (blocking) and returns the filled reply body. */
    public ServerMessage.Builder runOn(UnifiedJedis redis) {
        Object reply;
        if (script == null) {
            String[] all = Arrays.copyOf(keys, keys.length + args.length);
            System.arraycopy(args, 0, all, keys.length, args.length);
            reply = redis.sendCommand(keys[0], Protocol.Command.valueOf(command), all);
        } else {
            reply = script.run(redis, List.of(keys), List.of(args));
        }
        ServerMessage.Builder message = ServerMessage.newBuilder();
        answer(reply, message);
        return message;
    }

    /** For logs: the script or command, never the arguments (player ids). */
    @Override
    public String toString() {
        return script != null ? "script " + script.name() : command;
    }

    private void writeKeysAndArgs(ByteBuf out) {
        for (String key : keys) {
            RespWriter.bulk(out, key);
        }
        for (String arg : args) {
            RespWriter.bulk(out, arg);
        }
    }
}
