package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenArtifactResolverTest {
    private static final MavenArtifact ZIP = MavenArtifact.elasticsearchIntegTestZip("8.19.21");

    @Test
    void localRepositoryLayoutMatchesMaven() {
        assertThat(ZIP.pathIn(Path.of("/repo"))).isEqualTo(Path.of(
                "/repo/org/elasticsearch/distribution/integ-test-zip/elasticsearch/8.19.21/elasticsearch-8.19.21.zip"));
        assertThat(ZIP.coordinates()).isEqualTo("org.elasticsearch.distribution.integ-test-zip:elasticsearch:8.19.21:zip");
    }

    @Test
    void prefersMavenRepoLocalThenUserHomeThenEarlierDownloads(@TempDir Path dir) {
        Properties properties = new Properties();
        properties.setProperty("maven.repo.local", "/ci/repo");
        properties.setProperty("user.home", "/home/dev");
        MavenArtifactResolver resolver = new MavenArtifactResolver(Map.of(), properties);

        assertThat(resolver.localCandidates(ZIP, dir)).containsExactly(
                ZIP.pathIn(Path.of("/ci/repo")),
                ZIP.pathIn(Path.of("/home/dev/.m2/repository")),
                dir.resolve("elasticsearch-8.19.21.zip"));
    }

    @Test
    void findsTheFileInTheLocalRepository(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        Path file = ZIP.pathIn(repo);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "zip");
        Properties properties = new Properties();
        properties.setProperty("maven.repo.local", repo.toString());
        properties.setProperty("user.home", dir.toString());

        Path resolved = new MavenArtifactResolver(Map.of("PATH", ""), properties)
                .resolve(ZIP, dir.resolve("downloads"), "no.such.property", "NO_SUCH_ENV");

        assertThat(resolved).isEqualTo(file);
    }

    @Test
    void explicitPathThatDoesNotExistIsRejectedByName(@TempDir Path dir) {
        Properties properties = new Properties();
        properties.setProperty("user.home", dir.toString());
        MavenArtifactResolver resolver = new MavenArtifactResolver(Map.of("ES_ZIP", "/nope.zip"), properties);

        assertThatThrownBy(() -> resolver.resolve(ZIP, dir, "es.zip", "ES_ZIP"))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("ES_ZIP=/nope.zip");
    }

    @Test
    void withoutMavenOnPathTheMessageSaysHowToFetchTheZip(@TempDir Path dir) {
        Properties properties = new Properties();
        properties.setProperty("user.home", dir.toString());
        MavenArtifactResolver resolver = new MavenArtifactResolver(Map.of("PATH", ""), properties);

        assertThatThrownBy(() -> resolver.resolve(ZIP, dir.resolve("downloads"), "es.zip", "ES_ZIP"))
                .isInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("mvn dependency:get -Dartifact=" + ZIP.coordinates());
    }
}
