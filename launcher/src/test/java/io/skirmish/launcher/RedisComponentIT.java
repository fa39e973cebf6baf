package io.skirmish.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skirmish.testkit.process.RedisAdmin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The local stack's Redis keeps an append-only file fsynced every second: killed with SIGKILL and
 * started again it has its data back; a new start of the stack still begins empty.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisComponentIT {

    @TempDir
    Path work;

    @Test
    void survivesKillNineWithItsAppendOnlyFileAndANewRunStartsEmpty() throws Exception {
        RedisComponent first = new RedisComponent(work, 0);
        first.start();
        try (Jedis redis = RedisAdmin.connect(first.process().endpoint(), 2_000)) {
            assertThat(redis.configGet("appendonly")).containsEntry("appendonly", "yes");
            assertThat(redis.configGet("appendfsync")).containsEntry("appendfsync", "everysec");
            redis.set("skirmish:it:acknowledged", "result-1");
        }
        Path dir = first.process().dir();
        await().atMost(Duration.ofSeconds(10)).until(() -> appendOnlyFilesContain(dir, "result-1"));

        first.process().kill();
        first.process().start();
        try (Jedis redis = RedisAdmin.connect(first.process().endpoint(), 2_000)) {
            assertThat(redis.get("skirmish:it:acknowledged")).isEqualTo("result-1");
        }
        first.stop();

        RedisComponent next = new RedisComponent(work, first.process().port());
        next.start();
        try (Jedis redis = RedisAdmin.connect(next.process().endpoint(), 2_000)) {
            assertThat(redis.dbSize()).as("a new run starts empty").isZero();
        } finally {
            next.stop();
        }
    }

    private static boolean appendOnlyFilesContain(Path dir, String text) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(p -> p.toString().contains("appendonly")).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
