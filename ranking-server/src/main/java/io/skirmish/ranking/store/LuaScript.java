package io.skirmish.ranking.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA1 ({@code EVALSHA}), loaded again with {@code EVAL} when the
 * server does not know it (after a restart or a failover). Thread-safe.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    public LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    /**
     * Queues the script on a pipeline by SHA. Load it first ({@link #load}); a
     * {@link JedisNoScriptException} from the response means the server lost it.
     */
    public Response<Object> queue(AbstractPipeline pipeline, List<String> keys, List<String> args) {
        return pipeline.evalsha(sha, keys, args);
    }

    /** Loads the script into the node that owns the ranking slot. */
    public void load(UnifiedJedis redis) {
        redis.scriptLoad(source, RankingKeys.slotKey());
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
