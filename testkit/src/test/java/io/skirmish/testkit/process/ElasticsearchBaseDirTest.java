package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchBaseDirTest {

    @Test
    void withoutRootTheWorkDirIsUsedAsIs(@TempDir Path dir) {
        assertThat(ElasticsearchProcess.baseDir(dir.resolve("target"), null)).isEqualTo(dir.resolve("target"));
    }

    @Test
    void underRootAnUnreachableWorkDirMovesToTmp(@TempDir Path dir) throws Exception {
        assumeTrue(UnprivilegedUser.runningAsRoot(), "only root switches user");
        UnprivilegedUser user = UnprivilegedUser.obtain(System.getenv());
        Path privateHome = Files.createDirectories(dir.resolve("root-home"));
        Files.setPosixFilePermissions(privateHome, PosixFilePermissions.fromString("rwx------"));

        Path base = ElasticsearchProcess.baseDir(privateHome.resolve("checkout/target"), user);

        assertThat(base.getFileName().toString()).startsWith("skirmish-es-");
        assertThat(base.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(ElasticsearchProcess.baseDir(privateHome.resolve("checkout/target"), user))
                .as("stable per work dir").isEqualTo(base);
    }
}
