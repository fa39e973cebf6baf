package io.skirmish.testkit.junit;

import io.skirmish.testkit.process.ElasticsearchConfig;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.ElasticsearchProcess;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one Elasticsearch node per test JVM, on first use (about 10-20 s), and stops it and
 * deletes its data when the JVM's test run ends. Resolves {@link ElasticsearchEndpoint} and
 * {@link ElasticsearchProcess} parameters.
 */
public final class ElasticsearchExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ElasticsearchExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ElasticsearchEndpoint.class || type == ElasticsearchProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ElasticsearchProcess elasticsearch = shared(context);
        return parameter.getParameter().getType() == ElasticsearchEndpoint.class ? elasticsearch.endpoint() : elasticsearch;
    }

    /** The JVM-wide node, started on first call. */
    public static ElasticsearchProcess shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ElasticsearchProcess.class,
                key -> ElasticsearchProcess.start(ElasticsearchConfig.defaults(FixtureDirs.workDir())),
                ElasticsearchProcess.class);
    }
}
