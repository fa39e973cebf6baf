package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnprivilegedUserTest {

    @Test
    void aPrivateAncestorBlocksEveryFolderBelowIt(@TempDir Path dir) throws Exception {
        Path privateDir = Files.createDirectories(dir.resolve("home"));
        Path target = Files.createDirectories(privateDir.resolve("checkout/target"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(privateDir, PosixFilePermissions.fromString("rwx------"));

        assertThat(UnprivilegedUser.firstBlockingAncestor(target.resolve("not-yet-created"), "someone-else"))
                .isEqualTo(privateDir);
    }

    @Test
    void worldSearchableFoldersDoNotBlock(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("checkout/target"));
        for (Path p = target; !p.equals(dir.getParent()); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        // dir lives under java.io.tmpdir, which is world-searchable on any sane machine
        assertThat(UnprivilegedUser.firstBlockingAncestor(target, "someone-else")).isNull();
    }
}
