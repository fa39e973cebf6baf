package io.skirmish.kit.log;

import java.nio.file.Path;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import co.elastic.logging.logback.EcsEncoder;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Where and how a service logs (a picocli mixin shared by every service): plain text lines, the
 * default a person reads on a terminal, or ECS JSON (one Elastic Common Schema document per
 * line, {@code co.elastic.logging:logback-ecs-encoder}) that a log agent ships to Elasticsearch
 * as is, with {@code service.name}, {@code service.node.name} (the instance) and the MDC fields
 * of {@link LogFields} ({@code match_id}, {@code player_id}) as fields. Either goes to standard
 * output or, with {@code --log-file}, appended to a file (which the log-shipper can tail).
 *
 * <p>{@link #apply} replaces the root logger's appenders once, at the start of the service's
 * {@code call()}; the few lines logged before it use the text pattern of {@code logback.xml}.
 */
public final class LogOptions {

    /** The two formats; {@code text} is the pattern of logback.xml. */
    public enum Format { text, ecs }

    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    @Option(names = "--log-format", defaultValue = "text",
            description = "text (lines for a terminal) or ecs (Elastic Common Schema JSON, one document per line, "
                    + "for a log agent) (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--log-file",
            description = "Append logs to this file instead of standard output (default: standard output).")
    Path file;

    public Format format() {
        return format;
    }

    /** Installs the chosen format and destination, naming the service and instance in ECS documents. */
    public void apply(String service, String instance) {
        if (format == Format.text && file == null) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Encoder<ILoggingEvent> encoder = format == Format.ecs ? ecs(context, service, instance) : text(context);
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null) {
            appender = new ConsoleAppender<>();
        } else {
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setFile(file.toString());
            fileAppender.setAppend(true);
            appender = fileAppender;
        }
        appender.setContext(context);
        appender.setName(format + (file == null ? "-stdout" : "-file"));
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> ecs(LoggerContext context, String service, String instance) {
        EcsEncoder encoder = new EcsEncoder();
        encoder.setContext(context);
        encoder.setServiceName(service);
        encoder.setServiceNodeName(instance);
        encoder.setEventDataset(service);
        encoder.setIncludeMarkers(true);
        encoder.setStackTraceAsArray(false);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
