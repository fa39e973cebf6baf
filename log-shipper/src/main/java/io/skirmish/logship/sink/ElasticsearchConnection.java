package io.skirmish.logship.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.rest_client.RestClientHttpClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.message.BasicHeader;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * The one Elasticsearch client of a shipper: the low-level {@link RestClient} for the template and
 * health checks (plain JSON, exactly as written in the resource file) and the typed
 * {@link ElasticsearchClient}, and an asynchronous one for the {@code BulkIngester}, all on the same
 * connection pool.
 *
 * <p>Thread-safe (both clients are).
 */
public final class ElasticsearchConnection implements AutoCloseable {

    /** The template body, with {@code {{prefix}}} where the index prefix goes. */
    public static final String TEMPLATE_RESOURCE = "/io/skirmish/logship/sink/events-template.json";

    private static final RequestOptions QUICK = RequestOptions.DEFAULT.toBuilder()
            .setRequestConfig(RequestConfig.custom().setConnectTimeout(1_000).setSocketTimeout(2_000).build())
            .build();

    /**
     * What the shipper reads of a bulk answer: per item its status and error, and the fields the
     * typed client requires. Elasticsearch then writes (and the client parses) about a third of
     * the full answer; {@code error} and {@code status} keep a whole-request failure readable.
     */
    static final String BULK_FILTER_PATH = "took,errors,items.*._index,items.*.status,items.*.error,error,status";

    private final URI url;
    private final RestClient rest;
    private final ElasticsearchClient client;
    private final ElasticsearchAsyncClient bulkClient;

    public ElasticsearchConnection(URI url, Duration requestTimeout) {
        this.url = ElasticsearchAuth.withoutUserInfo(url);
        int port = url.getPort() < 0 ? ("https".equals(url.getScheme()) ? 443 : 9200) : url.getPort();
        RestClientBuilder builder = RestClient.builder(new HttpHost(url.getHost(), port, url.getScheme()))
                .setRequestConfigCallback(config -> config.setConnectTimeout(2_000)
                        .setSocketTimeout((int) requestTimeout.toMillis()));
        ElasticsearchAuth.basicHeader(url).ifPresent(header ->
                builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, header)}));
        this.rest = builder.build();
        JacksonJsonpMapper mapper = new JacksonJsonpMapper();
        this.client = new ElasticsearchClient(new RestClientTransport(rest, mapper));
        ElasticsearchTransport bulkTransport = new ElasticsearchTransportBase(
                new SingleBufferHttpClient(new RestClientHttpClient(rest)), null, mapper) {
        };
        this.bulkClient = new ElasticsearchAsyncClient(new HandOffTransport(bulkTransport))
                .withTransportOptions(options -> options.setParameter("filter_path", BULK_FILTER_PATH));
    }

    public ElasticsearchClient client() {
        return client;
    }

    /** For the {@code BulkIngester}: answers are completed off the HTTP I/O thread (see {@link HandOffTransport}). */
    public ElasticsearchAsyncClient bulkClient() {
        return bulkClient;
    }

    public RestClient rest() {
        return rest;
    }

    /** The address, without any credentials it was given. */
    public URI url() {
        return url;
    }

    /**
     * {@code null} while the cluster answers with a green or yellow health, otherwise why not. This
     * minimal distribution has no {@code GET /}; {@code _cluster/health} exists everywhere.
     */
    public String notReadyReason() {
        try {
            Response response = rest.performRequest(withOptions(new Request("GET", "/_cluster/health"), QUICK));
            String body = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (body.contains("\"status\":\"red\"")) {
                return "elasticsearch cluster health is red";
            }
            return null;
        } catch (ResponseException e) {
            return "elasticsearch answered " + e.getResponse().getStatusLine().getStatusCode();
        } catch (IOException | RuntimeException e) {
            return "elasticsearch unreachable at " + url + ": " + e.getClass().getSimpleName();
        }
    }

    /** Installs (or replaces) the composable index template named {@code prefix} for {@code prefix-*}. */
    public void installTemplate(String prefix) throws IOException {
        Request request = new Request("PUT", "/_index_template/" + prefix);
        request.setEntity(new NStringEntity(templateBody(prefix), ContentType.APPLICATION_JSON));
        rest.performRequest(request);
    }

    /** The template body for {@code prefix}, as installed. */
    public static String templateBody(String prefix) {
        try (InputStream in = ElasticsearchConnection.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{prefix}}", prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Request withOptions(Request request, RequestOptions options) {
        request.setOptions(options);
        return request;
    }

    @Override
    public void close() throws IOException {
        bulkClient._transport().close();
        client._transport().close();
    }
}
