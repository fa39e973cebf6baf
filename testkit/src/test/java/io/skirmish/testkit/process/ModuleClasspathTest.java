package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skirmish.testkit.process.MissingPrerequisiteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleClasspathTest {
    @TempDir
    Path repo;

    @Test
    void putsClassesFirstThenTheFileEntries() throws IOException {
        Path target = Files.createDirectories(repo.resolve("game-server/target/classes")).getParent();
        Files.writeString(target.resolve(ModuleClasspath.FILE_NAME), "/m2/a.jar:/m2/b.jar\n");

        assertThat(ModuleClasspath.of(repo, "game-server"))
                .containsExactly(target.resolve("classes"), Path.of("/m2/a.jar"), Path.of("/m2/b.jar"));
    }

    @Test
    void moduleWithoutDependenciesHasOnlyItsClasses() {
        Path classes = Path.of("/x/classes");
        assertThat(ModuleClasspath.parse(classes, "")).containsExactly(classes);
    }

    @Test
    void unbuiltModuleSaysHowToBuildIt() {
        assertThatThrownBy(() -> ModuleClasspath.of(repo, "match-server"))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("match-server")
                .hasMessageContaining("stack.classpath")
                .hasMessageContaining("deploy/local/run.sh");
    }
}
