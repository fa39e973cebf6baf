package io.skirmish.testkit.junit;

import io.skirmish.testkit.process.RedisEndpoint;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one {@code redis-server} per test JVM, on first use, and stops it when the JVM's test
 * run ends (it lives in the root store, which closes {@link AutoCloseable} values). Resolves
 * {@link RedisEndpoint} and {@link RedisServerProcess} parameters.
 */
public final class RedisExtension implements ParameterResolver, BeforeEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisEndpoint.class || type == RedisServerProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RedisServerProcess redis = shared(context);
        return parameter.getParameter().getType() == RedisEndpoint.class ? redis.endpoint() : redis;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        boolean flush = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RedisTest.class)
                .map(RedisTest::flushEachTest)
                .orElse(false);
        if (flush) {
            shared(context).flushAll();
        }
    }

    /** The JVM-wide node, started on first call. */
    public static RedisServerProcess shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RedisServerProcess.class,
                key -> RedisServerProcess.start(RedisServerConfig.defaults(FixtureDirs.workDir())),
                RedisServerProcess.class);
    }
}
