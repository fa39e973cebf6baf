package io.skirmish.kit.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA1 ({@code EVALSHA}), so that the source travels to Redis once (at
 * {@link #load}) instead of with every call; when the server does not know the script (after a
 * restart or a failover) the call falls back to {@code EVAL}, which also caches it again.
 * Thread-safe and immutable.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final byte[] sourceBytes;
    private final String sha;
    private final byte[] shaBytes;

    public LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        this.sha = sha1(sourceBytes);
        this.shaBytes = sha.getBytes(StandardCharsets.UTF_8);
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public String sha() {
        return sha;
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    public Object runBinary(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
        try {
            return redis.evalsha(shaBytes, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(sourceBytes, keys, args);
        }
    }

    /**
     * Queues the script on a pipeline by SHA. The result's {@link Queued#get()} (after the
     * pipeline's {@code sync}) runs the script again on its own when the server did not know it.
     */
    public Queued queue(AbstractPipeline pipeline, UnifiedJedis redis, List<String> keys, List<String> args) {
        return new Queued(queueBySha(pipeline, keys, args), () -> run(redis, keys, args));
    }

    /**
     * Queues the script on a pipeline by SHA alone, for callers that decide themselves what a
     * lost script means: the response throws {@link JedisNoScriptException} then. Load it first.
     */
    public Response<Object> queueBySha(AbstractPipeline pipeline, List<String> keys, List<String> args) {
        return pipeline.evalsha(sha, keys, args);
    }

    /** A pipelined script call: its reply, or the reply of a fresh run if the server had lost the script. */
    public static final class Queued {
        private final Response<Object> response;
        private final java.util.function.Supplier<Object> rerun;

        private Queued(Response<Object> response, java.util.function.Supplier<Object> rerun) {
            this.response = response;
            this.rerun = rerun;
        }

        /** The reply; call after the pipeline's {@code sync()}. */
        public Object get() {
            try {
                return response.get();
            } catch (JedisNoScriptException e) {
                return rerun.get();
            }
        }
    }

    /**
     * Loads the script into every node that may run it: the one Redis, or every node of a
     * cluster (a script runs on the node of its keys' slot, and each node has its own cache).
     */
    public void load(UnifiedJedis redis) {
        if (redis instanceof RedisClusterClient cluster) {
            for (ConnectionPool pool : cluster.getClusterNodes().values()) {
                try (Connection connection = pool.getResource()) {
                    connection.executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add(Protocol.Keyword.LOAD)
                            .add(sourceBytes));
                }
            }
            return;
        }
        redis.scriptLoad(source);
    }

    private static String sha1(byte[] text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + sha + ")";
    }
}
