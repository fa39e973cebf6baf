package io.skirmish.testkit.process;

import java.nio.file.Path;

/** Maven coordinates of a file artifact, and where Maven keeps it in a local repository. */
public record MavenArtifact(String groupId, String artifactId, String version, String type) {

    /** The Elasticsearch distribution without a bundled JDK that Maven Central serves. */
    public static MavenArtifact elasticsearchIntegTestZip(String version) {
        return new MavenArtifact("org.elasticsearch.distribution.integ-test-zip", "elasticsearch", version, "zip");
    }

    /** {@code groupId:artifactId:version:type}, the form {@code -Dartifact=} takes. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version + ":" + type;
    }

    public String fileName() {
        return artifactId + "-" + version + "." + type;
    }

    /** Path of the file below a local repository root. */
    public Path pathIn(Path repository) {
        return repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version).resolve(fileName());
    }
}
