package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinariesTest {

    @Test
    void mapsPlatformsToTheResourcesEmbeddedRedisShips() {
        assertThat(RedisBinaries.bundledResourceName("Linux", "amd64")).contains("redis-server-6.2.6-v5-linux-amd64");
        assertThat(RedisBinaries.bundledResourceName("Linux", "aarch64")).contains("redis-server-6.2.7-linux-arm64");
        assertThat(RedisBinaries.bundledResourceName("Mac OS X", "aarch64")).contains("redis-server-6.2.6-v5-darwin-arm64");
        assertThat(RedisBinaries.bundledResourceName("Windows 11", "amd64")).isEmpty();
    }

    @Test
    void noBundledBinaryWithoutTheJarOnTheClassPath(@TempDir Path dir) throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(RedisBinaries.bundledServer(dir, empty)).isEmpty();
        }
    }
}
