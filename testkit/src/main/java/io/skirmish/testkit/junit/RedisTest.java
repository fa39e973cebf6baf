package io.skirmish.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a real single-node {@code redis-server}, shared by every test class in the
 * JVM; inject {@link io.skirmish.testkit.process.RedisEndpoint} (or the
 * {@link io.skirmish.testkit.process.RedisServerProcess} itself) as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RedisExtension.class)
public @interface RedisTest {
    /** FLUSHALL before each test, for classes whose tests must not see each other's keys. */
    boolean flushEachTest() default false;
}
