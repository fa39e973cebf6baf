package io.skirmish.logship.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The composable index template of the services' logs ({@code logs-template.json} next to this class). */
public final class LogsTemplate {

    static final String RESOURCE = "logs-template.json";

    private LogsTemplate() {
    }

    /** The template body for indices {@code <prefix>-*}. */
    public static String body(String prefix) {
        try (InputStream in = LogsTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{prefix}}", prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
