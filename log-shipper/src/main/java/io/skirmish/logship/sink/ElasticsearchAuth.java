package io.skirmish.logship.sink;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Credentials carried in the Elasticsearch URL ({@code http://user:password@host:9200}, the same
 * convention as the Redis URL), because a secured cluster (ECK always has security on) refuses
 * anonymous requests. The password never reaches a log: the connection keeps
 * {@link #withoutUserInfo the URL without it}.
 */
final class ElasticsearchAuth {
    private ElasticsearchAuth() {
    }

    /** The {@code Authorization} header value for the URL's user and password, if it has them. */
    static Optional<String> basicHeader(URI url) {
        String userInfo = url.getUserInfo(); // percent-decoded: a password may hold '@' or ':'
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot strip the credentials of an Elasticsearch URL", e);
        }
    }
}
