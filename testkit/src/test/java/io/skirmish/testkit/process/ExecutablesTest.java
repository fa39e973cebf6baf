package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {

    @Test
    void missingRedisServerNamesTheBinaryAndTheInstallCommand() {
        assertThatThrownBy(() -> RedisBinaries.server(Map.of("PATH", "")))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("redis-server was not found on PATH")
                .hasMessageContaining("apt-get install -y redis-server")
                .hasMessageContaining(RedisBinaries.SERVER_ENV);
    }

    @Test
    void missingRedisCliNamesTheRedisToolsPackage() {
        assertThatThrownBy(() -> RedisBinaries.cli(Map.of("PATH", "/nonexistent")))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("redis-cli")
                .hasMessageContaining("apt-get install -y redis-tools");
    }

    @Test
    void redisServerProcessFailsBeforeStartingWhenTheBinaryIsMissing(@TempDir Path workDir) {
        RedisServerConfig config = RedisServerConfig.defaults(workDir);

        assertThatThrownBy(() -> new RedisServerProcess(config, Map.of("PATH", "")))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("apt-get install -y redis-server");
    }

    @Test
    void overrideThatIsNotAnExecutableIsRejectedByName() {
        Map<String, String> env = Map.of("PATH", "", RedisBinaries.SERVER_ENV, "/nonexistent/redis-server");

        assertThatThrownBy(() -> RedisBinaries.server(env))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining(RedisBinaries.SERVER_ENV + "=/nonexistent/redis-server");
    }

    @Test
    void findsAnExecutableOnPathAndSkipsNonExecutableFiles(@TempDir Path dir) throws Exception {
        Path notExecutable = Files.createDirectories(dir.resolve("a")).resolve("tool");
        Files.writeString(notExecutable, "#!/bin/sh\n");
        Path executable = Files.createDirectories(dir.resolve("b")).resolve("tool");
        Files.writeString(executable, "#!/bin/sh\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        // root can "execute" anything, so make the first candidate unambiguously not executable
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));

        Map<String, String> env = Map.of("PATH", dir.resolve("a") + ":" + dir.resolve("b"));

        assertThat(Executables.find("tool", env)).contains(executable);
    }
}
