package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The last-resort path of the Elasticsearch fixture: ask Maven for an artifact the local repository view lacks. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MavenArtifactResolverIT {

    @Test
    void fetchesAnArtifactMissingFromTheLocalRepositoryThroughMaven(@TempDir Path dir) throws Exception {
        // A small artifact this module already depends on, so Maven copies it without downloading.
        MavenArtifact artifact = new MavenArtifact("com.github.codemonstur", "embedded-redis", "1.4.4", "jar");
        Properties properties = new Properties();
        properties.setProperty("user.home", dir.toString()); // hides ~/.m2 from the lookup, not from mvn
        MavenArtifactResolver resolver = new MavenArtifactResolver(System.getenv(), properties);

        Path file = resolver.resolve(artifact, dir.resolve("downloads"), "no.such.property", "NO_SUCH_ENV");

        assertThat(file).isEqualTo(dir.resolve("downloads").resolve("embedded-redis-1.4.4.jar"));
        assertThat(Files.size(file)).isGreaterThan(1_000_000);
    }
}
