package io.skirmish.testkit.junit;

import io.skirmish.testkit.process.RedisClusterConfig;
import io.skirmish.testkit.process.RedisClusterEndpoint;
import io.skirmish.testkit.process.RedisClusterProcess;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one 3-master Redis Cluster per test JVM, on first use, and stops it when the JVM's test
 * run ends. Resolves {@link RedisClusterEndpoint} and {@link RedisClusterProcess} parameters.
 */
public final class RedisClusterExtension implements ParameterResolver, BeforeEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RedisClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisClusterEndpoint.class || type == RedisClusterProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RedisClusterProcess cluster = shared(context);
        return parameter.getParameter().getType() == RedisClusterEndpoint.class ? cluster.endpoint() : cluster;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        boolean flush = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RedisClusterTest.class)
                .map(RedisClusterTest::flushEachTest)
                .orElse(false);
        if (flush) {
            shared(context).flushAll();
        }
    }

    /** The JVM-wide cluster, started on first call. */
    public static RedisClusterProcess shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RedisClusterProcess.class,
                key -> RedisClusterProcess.start(RedisClusterConfig.defaults(FixtureDirs.workDir())),
                RedisClusterProcess.class);
    }
}
