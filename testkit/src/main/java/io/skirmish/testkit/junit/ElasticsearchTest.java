package io.skirmish.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a real single-node Elasticsearch, shared by every test class in the JVM;
 * inject {@link io.skirmish.testkit.process.ElasticsearchEndpoint} (or the
 * {@link io.skirmish.testkit.process.ElasticsearchProcess}) as a parameter. Tests share the node,
 * so each should use its own index names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ElasticsearchExtension.class)
public @interface ElasticsearchTest {
}
