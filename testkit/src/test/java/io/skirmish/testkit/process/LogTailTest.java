package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @Test
    void showsOnlyTheLastLines(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("x.log"), "one\ntwo\nthree\nfour\n");

        assertThat(LogTail.of(log, 2)).endsWith("three\nfour").doesNotContain("two");
    }

    @Test
    void saysSoWhenThereIsNoLog(@TempDir Path dir) {
        assertThat(LogTail.of(dir.resolve("missing.log"), 5)).contains("no log at");
    }
}
