package io.skirmish.logship.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.kit.log.RateLimitedLog;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the services' own log files ({@code *.log} of one directory, as the services write them
 * with {@code --log-file}) into Elasticsearch ({@code skirmish-logs-*}), for the local stack where
 * no log agent runs (Kubernetes uses Fluent Bit, see deploy/fluent-bit). One round reads each
 * file from its checkpointed offset (at most {@code maxBatchBytes}), sends the lines in one bulk
 * request, and advances the file's checkpoint only when every line was created (201) or was
 * already there (409); otherwise the same lines go again next round. The checkpoint file is saved
 * after each round that moved.
 *
 * <p>{@link #doWork()} is called by one thread (the log-file shipping thread).
 */
public final class LogFileShipper {

    private static final Logger LOG = LoggerFactory.getLogger(LogFileShipper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final LogFileCheckpoints checkpoints;
    private final RestClient elasticsearch;
    private final String indexPrefix;
    private final LogDocuments documents;
    private final int maxBatchBytes;
    private final InstantSource clock;
    private final RateLimitedLog rateLimitedLog = RateLimitedLog.perMinute(LOG);
    private final Counter linesShipped;
    private final Counter failures;
    private final AtomicLong unshippedBytes = new AtomicLong();
    private boolean templateInstalled;

    public LogFileShipper(Path dir, Path checkpointFile, RestClient elasticsearch, String indexPrefix,
                          int maxBatchBytes, InstantSource clock, MeterRegistry registry) throws IOException {
        this.dir = dir;
        this.checkpoints = LogFileCheckpoints.load(checkpointFile);
        this.elasticsearch = elasticsearch;
        this.indexPrefix = indexPrefix;
        this.documents = new LogDocuments(indexPrefix);
        this.maxBatchBytes = maxBatchBytes;
        this.clock = clock;
        this.linesShipped = Counter.builder("logship.logs.lines").register(registry);
        this.failures = Counter.builder("logship.logs.failures").register(registry);
        Gauge.builder("logship.logs.unshipped", unshippedBytes, AtomicLong::get).baseUnit("bytes").register(registry);
    }

    /** One round over the directory; returns the lines shipped (0: nothing new, or a failure). */
    public int doWork() {
        try {
            if (!templateInstalled) {
                installTemplate();
                templateInstalled = true;
            }
            int shipped = 0;
            long behind = 0;
            List<String> names = new ArrayList<>();
            boolean moved = false;
            for (Path file : logFiles()) {
                String name = file.getFileName().toString();
                names.add(name);
                String key = fileKey(file);
                long size = Files.size(file);
                long offset = checkpoints.offset(name, key, size);
                if (offset < size) {
                    LogLines.Batch batch = LogLines.read(file, offset, maxBatchBytes);
                    if (send(name, key, batch)) {
                        checkpoints.advance(name, key, batch.endOffset());
                        shipped += batch.lines().size();
                        offset = batch.endOffset();
                        moved = true;
                    }
                }
                behind += size - offset;
            }
            checkpoints.retainOnly(names);
            if (moved) {
                checkpoints.save();
            }
            unshippedBytes.set(behind);
            linesShipped.increment(shipped);
            return shipped;
        } catch (IOException | RuntimeException e) {
            failures.increment();
            rateLimitedLog.warn("round", "log files not shipped this round, retrying: {}", e.toString());
            return 0;
        }
    }

    private List<Path> logFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.log")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /** A file's identity across renames: its inode where the file system has one. */
    private static String fileKey(Path file) throws IOException {
        try {
            return "i" + Files.getAttribute(file, "unix:ino");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return "c" + Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
                    .creationTime().toMillis();
        }
    }

    /** True when Elasticsearch has every line of the batch. */
    private boolean send(String name, String key, LogLines.Batch batch) throws IOException {
        if (batch.lines().isEmpty()) {
            return true;
        }
        StringBuilder bulk = new StringBuilder();
        var readAt = clock.instant();
        for (LogLines.Line line : batch.lines()) {
            documents.append(bulk, name, key, line, readAt);
        }
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", "errors,items.*.status,items.*.error.type");
        request.setEntity(new NStringEntity(bulk.toString(), ContentType.create("application/x-ndjson",
                StandardCharsets.UTF_8)));
        Response response = elasticsearch.performRequest(request);
        JsonNode answer = JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
        if (!answer.path("errors").asBoolean(false)) {
            return true;
        }
        int refused = 0;
        String firstError = null;
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.path("create");
            int status = result.path("status").asInt();
            if (status != 201 && status != 409) {
                refused++;
                firstError = firstError == null ? result.path("error").path("type").asText() : firstError;
            }
        }
        if (refused == 0) {
            return true;
        }
        failures.increment(refused);
        rateLimitedLog.warn("refused", "{} log lines of {} refused (first: {}), sending them again", refused, name,
                firstError);
        return false;
    }

    private void installTemplate() throws IOException {
        Request request = new Request("PUT", "/_index_template/" + indexPrefix);
        request.setEntity(new NStringEntity(LogsTemplate.body(indexPrefix), ContentType.APPLICATION_JSON));
        elasticsearch.performRequest(request);
        LOG.info("shipping log files dir={} to indices={}-*", dir, indexPrefix);
    }
}
