package io.skirmish.ranking.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.kit.redis.link.RedisCommand;
import io.skirmish.kit.redis.link.RespWriter;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * One leaderboard query as plain Redis commands, in steps: the commands of a step are
 * independent, leave together and are answered together; a later step needs what an earlier
 * one returned (the members of a range, to read their ratings). Top and Around take two or
 * three steps, Rank and Friends one. Plain commands cost Redis well under half the CPU of one
 * read script doing the same (docs/performance.md); the price is that the steps of one query
 * read the board at slightly different moments (see the README, "How a query is answered").
 *
 * <p>One instance per query, used by one thread at a time: the event loop that sends its steps
 * on a {@code RedisLink}, or the caller of {@link #runOn} (blocking, with Jedis: tests, tools).
 */
public abstract class BoardCall {

    /** The commands of one step, each a command name then its arguments (the key first). */
    public static final class Step implements RedisCommand {
        private final List<String[]> commands;

        Step(List<String[]> commands) {
            this.commands = List.copyOf(commands);
        }

        static Step of(String[]... commands) {
            return new Step(Arrays.asList(commands));
        }

        @Override
        public void writeTo(ByteBuf out) {
            for (String[] command : commands) {
                RespWriter.array(out, command.length);
                for (String part : command) {
                    RespWriter.bulk(out, part);
                }
            }
        }

        @Override
        public int replies() {
            return commands.size();
        }

        /** The commands, each a name then its arguments (the key first): for a client other than the link. */
        public List<String[]> commands() {
            return commands;
        }

        /** The replies as a list in command order, from what the link delivered for this step. */
        public List<Object> repliesIn(Object delivered) {
            if (commands.size() == 1) {
                List<Object> one = new ArrayList<>(1);
                one.add(delivered);
                return one;
            }
            @SuppressWarnings("unchecked")
            List<Object> all = (List<Object>) delivered;
            return all;
        }
    }

    private final String name;
    private PageCache cache;
    private String page;
    private String[] keys;
    private long ticket;

    BoardCall(String name) {
        this.name = name;
    }

    /** The first step, or {@code null} when the answer is ready without Redis (from the read cache): {@link #fill} at once. */
    public abstract Step first();

    /**
     * Lets this call's answer be kept in {@code cache} as {@code page}, read from {@code keys},
     * unless Redis reports a change to one of them after {@code ticket} (taken before the first step leaves).
     */
    final BoardCall keepIn(PageCache cache, String page, String[] keys, long ticket) {
        this.cache = cache;
        this.page = page;
        this.keys = keys;
        this.ticket = ticket;
        return this;
    }

    /** A subclass's finished answer: kept when {@link #keepIn} allowed it. */
    final void answered(Message answer) {
        if (cache != null) {
            cache.put(page, keys, answer, ticket);
        }
    }

    /**
     * Reads the replies to the step last returned, in command order (values as Jedis and
     * {@code RespDecoder} give them: {@code Long}, {@code byte[]}, {@code List}, {@code null});
     * returns the next step, or {@code null} when the answer is ready for {@link #fill}.
     */
    public abstract Step next(List<Object> replies);

    /** Writes the answer ({@code page} or {@code player_rank}) into the reply; after {@link #next} returned null. */
    public abstract void fill(ServerMessage.Builder into);

    /** Runs every step with Jedis, one command at a time (blocking), and returns the filled reply body. */
    public ServerMessage.Builder runOn(UnifiedJedis redis) {
        Step step = first();
        while (step != null) {
            List<Object> replies = new ArrayList<>(step.commands.size());
            for (String[] command : step.commands) {
                replies.add(redis.sendCommand(command[1], Protocol.Command.valueOf(command[0]),
                        Arrays.copyOfRange(command, 1, command.length)));
            }
            step = next(replies);
        }
        ServerMessage.Builder message = ServerMessage.newBuilder();
        fill(message);
        return message;
    }

    /** For logs: the query kind, never its arguments (player ids). */
    @Override
    public String toString() {
        return name;
    }
}
