package io.skirmish.kit.redis.link;

/**
 * An error reply from Redis ({@code -ERR ...}, {@code -WRONGTYPE ...}, {@code -MOVED ...}), as
 * {@link RespDecoder} produces it: a value, not an exception, because it answers one command
 * and the connection stays usable.
 *
 * @param message the line after the {@code -}, e.g. {@code "MOVED 1234 10.0.0.2:6379"}
 */
public record RespError(String message) {

    /**
     * The node that serves the slot now, from a {@code MOVED <slot> <host>:<port>} redirection
     * (the slot left this node), or {@code null} for any other error.
     */
    public String movedTo() {
        if (!message.startsWith("MOVED ")) {
            return null;
        }
        int space = message.lastIndexOf(' ');
        return space > 6 ? message.substring(space + 1) : null;
    }
}
