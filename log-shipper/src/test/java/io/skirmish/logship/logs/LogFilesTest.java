package io.skirmish.logship.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsCompleteLinesOnlyAndLeavesALineStillBeingWritten() throws Exception {
        Path file = dir.resolve("a.log");
        Files.writeString(file, "one\r\ntwo\n\nthree-not-ended");

        LogLines.Batch batch = LogLines.read(file, 0, 1024);

        assertThat(batch.lines()).extracting(LogLines.Line::text).containsExactly("one", "two");
        assertThat(batch.lines()).extracting(LogLines.Line::offset).containsExactly(0L, 5L);
        assertThat(batch.endOffset()).isEqualTo(10);
        assertThat(LogLines.read(file, batch.endOffset(), 1024).lines()).isEmpty();
    }

    @Test
    void cutsALineLongerThanTheBatchSoOneRunawayLineCannotStopTheFile() throws Exception {
        Path file = dir.resolve("a.log");
        Files.writeString(file, "x".repeat(20) + "\n");

        LogLines.Batch first = LogLines.read(file, 0, 8);
        LogLines.Batch rest = LogLines.read(file, first.endOffset(), 64);

        assertThat(first.lines()).extracting(LogLines.Line::text).containsExactly("x".repeat(8));
        assertThat(rest.lines()).extracting(LogLines.Line::text).containsExactly("x".repeat(12));
        assertThat(rest.endOffset()).isEqualTo(21);
    }

    @Test
    void checkpointsSurviveASaveAndForgetReplacedTruncatedAndRemovedFiles() throws Exception {
        Path path = dir.resolve(".checkpoint");
        LogFileCheckpoints checkpoints = LogFileCheckpoints.load(path);
        checkpoints.advance("game.log", "i1", 120);
        checkpoints.advance("old.log", "i2", 50);
        checkpoints.retainOnly(List.of("game.log"));
        checkpoints.save();

        LogFileCheckpoints loaded = LogFileCheckpoints.load(path);

        assertThat(loaded.offset("game.log", "i1", 500)).isEqualTo(120);
        assertThat(loaded.offset("game.log", "i9", 500)).as("another file under the same name").isZero();
        assertThat(loaded.offset("game.log", "i1", 100)).as("truncated below the checkpoint").isZero();
        assertThat(loaded.offset("old.log", "i2", 500)).isZero();
        assertThat(Files.readString(path, StandardCharsets.UTF_8)).isEqualTo("game.log\ti1\t120\n");
    }

    @Test
    void ecsLinesGoToTheDayOfTheirTimestampWithAnIdFromFileAndOffset() {
        StringBuilder bulk = new StringBuilder();
        new LogDocuments("skirmish-logs").append(bulk, "game.log", "i7",
                new LogLines.Line(42, "{\"@timestamp\":\"2026-12-06T23:59:59.9Z\",\"message\":\"hi\",\"match_id\":\"m1\"}"),
                Instant.parse("2026-12-07T00:00:01Z"));

        assertThat(bulk.toString()).isEqualTo("{\"create\":{\"_index\":\"skirmish-logs-2026.12.06\",\"_id\":\"i7-42\"}}\n"
                + "{\"@timestamp\":\"2026-12-06T23:59:59.9Z\",\"message\":\"hi\",\"match_id\":\"m1\","
                + "\"log.file.path\":\"game.log\"}\n");
    }

    @Test
    void aTextLineBecomesAMessageStampedWhenItWasRead() {
        StringBuilder bulk = new StringBuilder();
        new LogDocuments("skirmish-logs").append(bulk, "match.log", "i3",
                new LogLines.Line(0, "12:00:00.000 INFO  [main] x - started"), Instant.parse("2026-12-07T12:00:01Z"));

        assertThat(bulk.toString()).isEqualTo("{\"create\":{\"_index\":\"skirmish-logs-2026.12.07\",\"_id\":\"i3-0\"}}\n"
                + "{\"@timestamp\":\"2026-12-07T12:00:01Z\",\"message\":\"12:00:00.000 INFO  [main] x - started\","
                + "\"log.file.path\":\"match.log\"}\n");
    }
}
