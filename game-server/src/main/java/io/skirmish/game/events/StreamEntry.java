package io.skirmish.game.events;

import java.util.Map;

/** One record to append to a Redis stream. */
public record StreamEntry(String stream, Map<byte[], byte[]> fields) {
}
