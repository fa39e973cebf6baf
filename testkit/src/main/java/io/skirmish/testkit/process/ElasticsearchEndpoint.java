package io.skirmish.testkit.process;

import java.net.URI;
import java.util.Objects;

/** The HTTP address of an Elasticsearch node, e.g. {@code http://127.0.0.1:17423}. */
public record ElasticsearchEndpoint(URI uri) {
    public ElasticsearchEndpoint {
        Objects.requireNonNull(uri, "uri");
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 1) {
            throw new IllegalArgumentException("expected http://host:port, got " + uri);
        }
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
