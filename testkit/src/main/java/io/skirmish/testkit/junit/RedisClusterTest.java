package io.skirmish.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a real 3-master Redis Cluster, shared by every test class in the JVM;
 * inject {@link io.skirmish.testkit.process.RedisClusterEndpoint} (or the
 * {@link io.skirmish.testkit.process.RedisClusterProcess}) as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RedisClusterExtension.class)
public @interface RedisClusterTest {
    /** FLUSHALL on every master before each test. */
    boolean flushEachTest() default false;
}
