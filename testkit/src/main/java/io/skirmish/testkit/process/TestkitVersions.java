package io.skirmish.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions of external programs, taken from the parent POM at build time (resource filtering of
 * {@code testkit.properties}) so that the POM stays the one place versions are written.
 */
public final class TestkitVersions {
    /** Used only when the resource was not filtered (e.g. an IDE build that skipped Maven's resources step). */
    static final String FALLBACK_ELASTICSEARCH = "8.19.21";

    private TestkitVersions() {
    }

    public static String elasticsearch() {
        Properties properties = new Properties();
        try (InputStream in = TestkitVersions.class.getResourceAsStream("/io/skirmish/testkit/testkit.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read testkit.properties", e);
        }
        String version = properties.getProperty("elasticsearch.version", "");
        return version.isBlank() || version.startsWith("${") ? FALLBACK_ELASTICSEARCH : version;
    }
}
