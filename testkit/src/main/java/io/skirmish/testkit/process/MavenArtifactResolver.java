package io.skirmish.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a file artifact the way Maven would have stored it, and asks Maven for it when absent.
 *
 * <p>Order: an explicit path ({@code -Dskirmish.elasticsearch.zip} / {@code SKIRMISH_ELASTICSEARCH_ZIP}
 * style override), the local repository ({@code -Dmaven.repo.local}, else {@code ~/.m2/repository}),
 * an earlier download in {@code downloadDir}, and last {@code mvn dependency:copy} into
 * {@code downloadDir}. The last step uses {@code copy} rather than {@code get} because it writes
 * to a folder we choose, whatever local repository the user's {@code settings.xml} names, and it
 * needs no project. It works the same from a module's tests and from a plain {@code java} launcher.
 */
public final class MavenArtifactResolver {
    private static final Logger LOG = LoggerFactory.getLogger(MavenArtifactResolver.class);
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final Map<String, String> env;
    private final Properties systemProperties;

    public MavenArtifactResolver(Map<String, String> env, Properties systemProperties) {
        this.env = env;
        this.systemProperties = systemProperties;
    }

    public static MavenArtifactResolver fromEnvironment() {
        return new MavenArtifactResolver(System.getenv(), System.getProperties());
    }

    /**
     * @param overrideProperty system property that may name the file directly
     * @param overrideEnv      environment variable that may name the file directly
     */
    public Path resolve(MavenArtifact artifact, Path downloadDir, String overrideProperty, String overrideEnv) {
        Optional<Path> explicit = explicit(overrideProperty, overrideEnv);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        for (Path candidate : localCandidates(artifact, downloadDir)) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return download(artifact, downloadDir);
    }

    /** Where the file may already be, in the order they are tried. */
    List<Path> localCandidates(MavenArtifact artifact, Path downloadDir) {
        List<Path> candidates = new ArrayList<>();
        String repoLocal = systemProperties.getProperty("maven.repo.local");
        if (repoLocal != null && !repoLocal.isBlank()) {
            candidates.add(artifact.pathIn(Path.of(repoLocal)));
        }
        candidates.add(artifact.pathIn(Path.of(systemProperties.getProperty("user.home"), ".m2", "repository")));
        candidates.add(downloadDir.resolve(artifact.fileName()));
        return candidates;
    }

    private Optional<Path> explicit(String property, String envName) {
        String value = systemProperties.getProperty(property);
        String source = "-D" + property;
        if (value == null || value.isBlank()) {
            value = env.get(envName);
            source = envName;
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new MissingPrerequisiteException(source + "=" + value + " is not a file");
        }
        return Optional.of(path);
    }

    private Path download(MavenArtifact artifact, Path downloadDir) {
        Path mvn = Executables.find("mvn", env).orElseThrow(() -> new MissingPrerequisiteException(
                artifact.coordinates() + " is not in the local Maven repository and `mvn` is not on PATH to fetch it."
                        + " Run `mvn dependency:get -Dartifact=" + artifact.coordinates() + "` once (or add it as a"
                        + " test dependency of the module), or install Maven with `apt-get install -y maven`."));
        List<String> command = List.of(mvn.toString(), "-B", "-q", DEPENDENCY_PLUGIN + ":copy",
                "-Dartifact=" + artifact.coordinates(), "-DoutputDirectory=" + downloadDir.toAbsolutePath());
        Path log = downloadDir.resolve(artifact.fileName() + ".download.log");
        LOG.info("fetching {} through Maven into {}", artifact.coordinates(), downloadDir);
        try {
            Files.createDirectories(downloadDir);
            Process process = new ProcessBuilder(command)
                    .directory(downloadDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(DOWNLOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(process.toHandle());
                throw new MissingPrerequisiteException("`" + String.join(" ", command) + "` did not finish within "
                        + DOWNLOAD_TIMEOUT.toMinutes() + " min\n" + LogTail.of(log, 30));
            }
            Path file = downloadDir.resolve(artifact.fileName());
            if (process.exitValue() != 0 || !Files.isRegularFile(file)) {
                throw new MissingPrerequisiteException("could not fetch " + artifact.coordinates() + " with `"
                        + String.join(" ", command) + "` (exit code " + process.exitValue() + ")\n" + LogTail.of(log, 30));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MissingPrerequisiteException("interrupted while fetching " + artifact.coordinates());
        }
    }
}
