package io.skirmish.kit.redis.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class TurnFlusherTest {

    @Test
    void flushesEverythingQueuedInOneTurnOnceAtTheEndOfTheTurn() {
        EmbeddedChannel channel = new EmbeddedChannel();
        TurnFlusher flusher = new TurnFlusher(channel.eventLoop());
        List<String> flushed = new ArrayList<>();
        flusher.flushLater(() -> flushed.add("a"));
        flusher.flushLater(() -> flushed.add("b"));
        assertThat(flushed).as("nothing before the turn ends").isEmpty();
        channel.runPendingTasks();
        assertThat(flushed).containsExactly("a", "b");
        channel.runPendingTasks();
        assertThat(flushed).as("each once").containsExactly("a", "b");
    }

    @Test
    void aFlushThatQueuesMoreRunsItInTheNextTask() {
        EmbeddedChannel channel = new EmbeddedChannel();
        TurnFlusher flusher = new TurnFlusher(channel.eventLoop());
        List<String> flushed = new ArrayList<>();
        flusher.flushLater(() -> {
            flushed.add("first");
            flusher.flushLater(() -> flushed.add("queued by the first"));
        });
        channel.runPendingTasks();
        assertThat(flushed).containsExactly("first", "queued by the first");
    }
}
