package io.skirmish.logship.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ElasticsearchAuthTest {

    @Test
    void anAddressWithoutCredentialsSendsNoAuthorization() {
        URI url = URI.create("http://127.0.0.1:9200");
        assertThat(ElasticsearchAuth.basicHeader(url)).isEmpty();
        assertThat(ElasticsearchAuth.withoutUserInfo(url)).isSameAs(url);
    }

    @Test
    void userAndPercentEncodedPasswordBecomeABasicHeader() {
        URI url = URI.create("http://elastic:p%40ss%3Aword@skirmish-es-http:9200");
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("elastic:p@ss:word".getBytes(StandardCharsets.UTF_8));
        assertThat(ElasticsearchAuth.basicHeader(url)).contains(expected);
    }

    @Test
    void theAddressKeptForLogsCarriesNoPassword() {
        URI url = URI.create("https://elastic:secret@es.example:9243/prefix");
        assertThat(ElasticsearchAuth.withoutUserInfo(url)).hasToString("https://es.example:9243/prefix");
    }
}
