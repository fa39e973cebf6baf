package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipUnpackerTest {

    @Test
    void keepsExecutableBitsFromTheZip(@TempDir Path dir) throws Exception {
        Path zip = zip(dir.resolve("dist.zip"), "v1");

        Path home = ZipUnpacker.unpackOnce(zip, dir.resolve("out"), "dist-1.0");

        assertThat(home.resolve("bin/start")).hasContent("v1");
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/start")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(home.resolve("config/secret")))
                .isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
    }

    @Test
    void reusesAnIntactFolderAndReplacesItWhenTheZipChanges(@TempDir Path dir) throws Exception {
        Path zip = zip(dir.resolve("dist.zip"), "v1");
        Path home = ZipUnpacker.unpackOnce(zip, dir.resolve("out"), "dist-1.0");
        Path scribble = Files.writeString(home.resolve("scribble"), "left by a previous run");

        ZipUnpacker.unpackOnce(zip, dir.resolve("out"), "dist-1.0");
        assertThat(scribble).exists();

        Files.delete(zip);
        zip(zip, "v2 with a different size");
        ZipUnpacker.unpackOnce(zip, dir.resolve("out"), "dist-1.0");
        assertThat(scribble).doesNotExist();
        assertThat(home.resolve("bin/start")).hasContent("v2 with a different size");
    }

    @Test
    void unpacksAgainWhenTheMarkerIsMissing(@TempDir Path dir) throws Exception {
        Path zip = zip(dir.resolve("dist.zip"), "v1");
        Path home = ZipUnpacker.unpackOnce(zip, dir.resolve("out"), "dist-1.0");
        Files.delete(home.resolve(ZipUnpacker.MARKER));
        Files.delete(home.resolve("bin/start"));

        ZipUnpacker.unpackOnce(zip, dir.resolve("out"), "dist-1.0");

        assertThat(home.resolve("bin/start")).hasContent("v1");
    }

    private static Path zip(Path zip, String content) throws Exception {
        URI uri = URI.create("jar:" + zip.toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path bin = Files.createDirectories(fs.getPath("/dist-1.0/bin"));
            Files.writeString(bin.resolve("start"), content);
            Files.setPosixFilePermissions(bin.resolve("start"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Path config = Files.createDirectories(fs.getPath("/dist-1.0/config"));
            Files.writeString(config.resolve("secret"), "s");
            Files.setPosixFilePermissions(config.resolve("secret"), PosixFilePermissions.fromString("rw-rw----"));
        }
        return zip;
    }
}
