package io.skirmish.logship.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.events.EventDoc;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.logship.LogShipper;
import io.skirmish.logship.LogShipperConfig;
import io.skirmish.logship.it.SearchClient;
import io.skirmish.logship.it.TestEvents;
import io.skirmish.logship.sink.ElasticsearchConnection;
import io.skirmish.logship.sink.EventDocuments;
import io.skirmish.testkit.process.ElasticsearchConfig;
import io.skirmish.testkit.process.ElasticsearchProcess;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Throughput of the shipper, stream to searchable documents, next to a raw bulk loader that sends
 * the same documents, in requests of the same size and concurrency, to the same node in the same
 * run. Each round runs both into fresh indices, the raw loader first in odd rounds and second in
 * even ones, with the node settled (flushed, no merge running) in between; each run ends when
 * a plain {@code _count} (no forced refresh) sees every document, polled only once every
 * document has its bulk answer (the raw loader's last response, the shipper's own counters), so
 * that neither run makes the node serve searches while it indexes. Each run also says where the
 * CPU went (this JVM, Elasticsearch, Redis) and, for the shipper, which of its threads used it.
 *
 * <pre>bench/log-shipper.sh [events] [rounds] [bulk size]</pre>
 */
public final class ShipperBench {

    private static final int CONCURRENCY = 2;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int bulk = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path work = Path.of(args.length > 3 ? args[3] : "target/bench").toAbsolutePath();
        System.out.printf("bench: %d events per round, %d rounds, bulk %d, concurrency %d%n", events, rounds, bulk,
                CONCURRENCY);
        List<byte[]> docs = new ArrayList<>(events);
        List<String> ids = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            EventDoc doc = TestEvents.event(i);
            docs.add(doc.json().getBytes(StandardCharsets.UTF_8));
            ids.add(doc.eventId());
        }
        try (RedisServerProcess redis = RedisServerProcess.start(RedisServerConfig.defaults(work));
             ElasticsearchProcess es = ElasticsearchProcess.start(ElasticsearchConfig.defaults(work)
                     .withClusterName("logship-bench").withJvmOptions(List.of()));
             SearchClient search = new SearchClient(es.endpoint());
             RestClient rest = RestClient.builder(new HttpHost(es.endpoint().host(), es.endpoint().port(), "http")).build();
             UnifiedJedis jedis = RedisConnector.open(RedisAddress.parse(redis.endpoint().uri().toString()), "bench",
                     Duration.ofSeconds(10))) {
            System.out.println("load average at start: " + loadAverage());
            // Warm-up: one full round of each, not reported, so that neither is measured while the
            // JIT still compiles it (the shipper has far more code to compile than the raw loader).
            Meter meter = new Meter(search, jedis);
            raw(rest, search, meter, docs, ids, bulk, "bench-warm-raw");
            settle(search);
            ship(jedis, redis, es, search, meter, events, bulk, "bench-warm-ship");
            settle(search);
            List<double[]> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // Alternate who goes first, and let the node settle (flush, merges) after each, so
                // neither pays for the other's background work.
                Run raw;
                Run ship;
                Run ingester;
                if (round % 2 == 1) {
                    raw = raw(rest, search, meter, docs, ids, bulk, "bench-raw-" + round);
                    settle(search);
                    ingester = ingesterOnly(es, search, meter, docs, ids, bulk, "bench-ing-" + round);
                    settle(search);
                    ship = ship(jedis, redis, es, search, meter, events, bulk, "bench-ship-" + round);
                } else {
                    ship = ship(jedis, redis, es, search, meter, events, bulk, "bench-ship-" + round);
                    settle(search);
                    ingester = ingesterOnly(es, search, meter, docs, ids, bulk, "bench-ing-" + round);
                    settle(search);
                    raw = raw(rest, search, meter, docs, ids, bulk, "bench-raw-" + round);
                }
                settle(search);
                results.add(new double[] {raw.rate(), ship.rate(), ship.rate() / raw.rate(), ingester.rate() / raw.rate()});
                System.out.printf(Locale.ROOT, "round %d: raw bulk loader %.0f docs/s, log-shipper %.0f events/s (%.0f %%), "
                        + "ingester alone %.0f docs/s (%.0f %%)%n  raw: %s%n  ingester alone: %s%n  log-shipper: %s%n", round,
                        raw.rate(), ship.rate(), 100 * ship.rate() / raw.rate(), ingester.rate(),
                        100 * ingester.rate() / raw.rate(), raw.cpu(), ingester.cpu(), ship.cpu());
            }
            System.out.printf(Locale.ROOT, "median: raw bulk loader %.0f docs/s, log-shipper %.0f events/s; "
                    + "median of the rounds' ratios: %.0f %% of raw (ingester alone %.0f %%)%n", median(results, 0),
                    median(results, 1), 100 * median(results, 2), 100 * median(results, 3));
            System.out.println("load average at end: " + loadAverage());
        }
    }

    /** One timed run: its rate and where the CPU went. */
    private record Run(double rate, String cpu) {
    }

    /** Wall clock and CPU of the three processes over one run. */
    private record Meter(SearchClient search, UnifiedJedis jedis) {

        CpuUse cpu() throws Exception {
            return CpuUse.now(search, jedis);
        }
    }

    private static double median(List<double[]> results, int column) {
        double[] sorted = results.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** create operations with the event id, bulk requests of {@code bulk}, {@code CONCURRENCY} in flight. */
    private static Run raw(RestClient rest, SearchClient search, Meter meter, List<byte[]> docs, List<String> ids,
                           int bulk, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        LongAdder roundTripNs = new LongAdder();
        LongAdder tookMs = new LongAdder();
        CpuUse cpuAtStart = meter.cpu();
        long start = System.nanoTime();
        // Inside the clock, as the shipper installs it inside its own.
        search.call("PUT", "/_index_template/" + prefix, ElasticsearchConnection.templateBody(prefix));
        List<Future<?>> sent = new ArrayList<>();
        for (int from = 0; from < docs.size(); from += bulk) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(bulk * 400);
            for (int i = from; i < Math.min(docs.size(), from + bulk); i++) {
                EventDocuments.Checked checked = EventDocuments.check(prefix, docs.get(i), 1 << 20);
                body.write(("{\"create\":{\"_index\":\"" + checked.index() + "\",\"_id\":\"" + ids.get(i) + "\"}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(checked.doc());
                body.write('\n');
            }
            inFlight.acquire();
            byte[] bytes = body.toByteArray();
            sent.add(pool.submit(() -> {
                long sentNs = System.nanoTime();
                try {
                    Request request = new Request("POST", "/_bulk");
                    request.setEntity(new ByteArrayEntity(bytes, ContentType.create("application/x-ndjson")));
                    String answer = new String(rest.performRequest(request).getEntity().getContent().readAllBytes(),
                            StandardCharsets.UTF_8);
                    tookMs.add(took(answer));
                    if (answer.contains("\"errors\":true")) {
                        throw new IllegalStateException("bulk errors: " + answer.substring(0, 500));
                    }
                } finally {
                    roundTripNs.add(System.nanoTime() - sentNs);
                    inFlight.release();
                }
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        pool.shutdown();
        awaitSearchable(search, prefix, docs.size());
        double seconds = seconds(start);
        return new Run(docs.size() / seconds, meter.cpu().since(cpuAtStart).describe(docs.size(), seconds)
                + String.format(Locale.ROOT, "; %d bulk requests, mean round trip %.0f ms (took %.0f ms)", sent.size(),
                roundTripNs.sum() / 1e6 / sent.size(), (double) tookMs.sum() / sent.size()));
    }

    /** The shipper's indexer (BulkIngester, same client stack) fed from memory: no Redis, no loop. */
    private static Run ingesterOnly(ElasticsearchProcess es, SearchClient search, Meter meter, List<byte[]> docs,
                                    List<String> ids, int bulk, String prefix) throws Exception {
        try (ElasticsearchConnection connection = new ElasticsearchConnection(URI.create(es.endpoint().uri().toString()),
                Duration.ofSeconds(30))) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            CpuUse cpuAtStart = meter.cpu();
            java.util.Map<String, Long> threads = ThreadCpu.now();
            long start = System.nanoTime();
            connection.installTemplate(prefix);
            io.skirmish.logship.sink.EventIndexer indexer = new io.skirmish.logship.sink.EventIndexer(
                    connection.bulkClient(), bulk, 5L * 1024 * 1024, 500, CONCURRENCY, registry,
                    org.agrona.concurrent.SystemNanoClock.INSTANCE);
            long answered = 0;
            for (int i = 0; i < docs.size(); i++) {
                EventDocuments.Checked checked = EventDocuments.check(prefix, docs.get(i), 1 << 20);
                indexer.submit(new io.skirmish.logship.InFlightEvent("0-" + i, ids.get(i), "x", checked.doc(),
                        checked.index(), 0));
                List<io.skirmish.logship.sink.ItemOutcome> answer;
                while ((answer = indexer.outcomes().poll()) != null) {
                    answered += answer.size();
                }
            }
            indexer.flush();
            while (answered < docs.size()) {
                answered += indexer.outcomes().take().size();
            }
            indexer.close();
            awaitSearchable(search, prefix, docs.size());
            double seconds = seconds(start);
            return new Run(docs.size() / seconds, meter.cpu().since(cpuAtStart).describe(docs.size(), seconds) + "; "
                    + bulkStats(registry) + "\n    its threads' cpu ms: " + ThreadCpu.since(threads));
        }
    }

    /** The stream is filled first; the clock runs from the shipper's start to the last document searchable. */
    private static Run ship(UnifiedJedis jedis, RedisServerProcess redis, ElasticsearchProcess es, SearchClient search,
                            Meter meter, int events, int bulk, String prefix) throws Exception {
        String stream = prefix + ":events";
        TestEvents.append(jedis, stream, 0, events);
        LogShipperConfig config = LogShipperConfig.builder("bench", RedisAddress.parse(redis.endpoint().uri().toString()),
                        URI.create(es.endpoint().uri().toString()))
                .stream(stream).deadLetterStream(prefix + ":dead").group("logship").indexPrefix(prefix).opsPort(0)
                .readBatch(bulk).maxInFlight(20 * bulk).bulkActions(bulk).flushInterval(Duration.ofMillis(500))
                .build();
        try (ElasticsearchConnection connection = new ElasticsearchConnection(config.elasticsearch(), Duration.ofSeconds(30))) {
            CpuUse cpuAtStart = meter.cpu();
            java.util.Map<String, Long> threads = ThreadCpu.now();
            long start = System.nanoTime();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (LogShipper shipper = new LogShipper(config, jedis, connection, registry).start()) {
                // Like the raw loader, ask Elasticsearch only once every document has its answer:
                // _count polls during the run would cost the node CPU that the raw loader's run
                // does not pay.
                awaitAnswered(registry, events);
                awaitSearchable(search, prefix, events);
                double seconds = seconds(start);
                return new Run(events / seconds, meter.cpu().since(cpuAtStart).describe(events, seconds) + "; "
                        + bulkStats(registry) + "\n    its threads' cpu ms: " + ThreadCpu.since(threads));
            }
        } finally {
            jedis.del(stream);
        }
    }

    /** The {@code took} of a bulk answer, read without parsing the rest of it. */
    private static long took(String answer) {
        int at = answer.indexOf("\"took\":") + 7;
        int end = at;
        while (end < answer.length() && Character.isDigit(answer.charAt(end))) {
            end++;
        }
        return Long.parseLong(answer.substring(at, end));
    }

    /** How the shipper cut its bulk requests: how many, how full, how long each took. */
    private static String bulkStats(SimpleMeterRegistry registry) {
        DistributionSummary size = registry.get("logship.bulk.size").summary();
        Timer latency = registry.get("logship.bulk.duration").timer();
        Timer took = registry.get("logship.bulk.took").timer();
        return String.format(Locale.ROOT, "%d bulk requests, mean %.0f docs, mean round trip %.0f ms (took %.0f ms)",
                size.count(), size.mean(), latency.mean(TimeUnit.MILLISECONDS), took.mean(TimeUnit.MILLISECONDS));
    }

    /** Polls the shipper's own counters (in this process, no request to Elasticsearch). */
    private static void awaitAnswered(SimpleMeterRegistry registry, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (registry.get("logship.docs.indexed").counter().count()
                + registry.get("logship.docs.duplicates").counter().count() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the shipper did not index " + expected + " documents within 10 minutes");
            }
            Thread.sleep(10);
        }
    }

    private static void awaitSearchable(SearchClient search, String prefix, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                long count = search.call("GET", "/" + prefix + "-*/_count?allow_no_indices=true", null).path("count")
                        .asLong();
                if (count >= expected) {
                    return;
                }
            } catch (org.elasticsearch.client.ResponseException e) {
                // a new index answers 503 until its shard has started: keep polling
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(prefix + ": documents not searchable within 10 minutes");
    }

    /** Flushes every index and waits (up to 30 s) until the node runs no merge. */
    private static void settle(SearchClient search) throws Exception {
        search.call("POST", "/_flush", null);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long merging = 0;
            for (com.fasterxml.jackson.databind.JsonNode node : search.call("GET", "/_nodes/stats/indices/merge", null)
                    .path("nodes")) {
                merging += node.path("indices").path("merges").path("current").asLong();
            }
            if (merging == 0) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static double seconds(long startNs) {
        return (System.nanoTime() - startNs) / 1e9;
    }
}
