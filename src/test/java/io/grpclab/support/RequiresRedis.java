package io.grpclab.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a {@code @QuarkusTest} class whose test resource starts a Redis when {@code redis-server} is not installed,
 * before Quarkus starts (an assumption inside a test resource is an error, not a skip). Never in CI, where the
 * resource's {@link RedisServer#require()} fails instead.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RequiresRedis.Installed.class)
public @interface RequiresRedis {

    final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return "true".equals(System.getenv("CI")) || Files.isExecutable(RedisServer.BINARY)
                    ? ConditionEvaluationResult.enabled("redis-server is installed, or CI requires it")
                    : ConditionEvaluationResult.disabled("redis-server is not installed (apt-get install redis-server)");
        }
    }
}
