package io.grpclab.lab.faulttolerance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.grpclab.retry.ServiceConfigs;
import io.quarkus.runtime.StartupEvent;

/**
 * The effective settings of {@link FaultTolerantEcho}: its annotations' values unless the MicroProfile keys
 * override them, and the retry-amplification guard. Application-level attempts times gRPC attempts is how
 * many calls one gateway request can send to the server; above {@code lab.retry.amplification-bound} start-up
 * warns and /demo/config says so.
 */
@ApplicationScoped
public class FaultToleranceSettings {

    static final String KEY_PREFIX = FaultTolerantEcho.class.getName() + "/call/";
    private static final Logger LOG = Logger.getLogger(FaultToleranceSettings.class);

    /** What SmallRye Fault Tolerance applies around each gateway call, per annotation. */
    public record Settings(Retry retry, long timeoutMs, Breaker circuitBreaker, Bulkhead bulkhead) {
    }

    public record Retry(int maxRetries, long delayMs) {
    }

    public record Breaker(String name, int requestVolumeThreshold, double failureRatio, long delayMs,
            int successThreshold) {
    }

    public record Bulkhead(int value, int waitingTaskQueue) {
    }

    /**
     * @param appAttempts attempts SmallRye Fault Tolerance may make (maxRetries + 1)
     * @param grpcAttempts attempts grpc-java may make for each of them
     * @param worstCase their product: calls one request can send
     * @param bound lab.retry.amplification-bound
     */
    public record Amplification(int appAttempts, int grpcAttempts, int worstCase, int bound, boolean exceeded) {
    }

    private final Settings settings;
    private final ServiceConfigs configs;

    FaultToleranceSettings(Config config, ServiceConfigs configs) {
        this.configs = configs;
        this.settings = new Settings(
                new Retry(value(config, "Retry/maxRetries", Integer.class, FaultTolerantEcho.MAX_RETRIES),
                        value(config, "Retry/delay", Long.class, FaultTolerantEcho.RETRY_DELAY_MS)),
                value(config, "Timeout/value", Long.class, FaultTolerantEcho.TIMEOUT_MS),
                new Breaker(FaultTolerantEcho.BREAKER,
                        value(config, "CircuitBreaker/requestVolumeThreshold", Integer.class,
                                FaultTolerantEcho.CB_REQUEST_VOLUME),
                        value(config, "CircuitBreaker/failureRatio", Double.class, FaultTolerantEcho.CB_FAILURE_RATIO),
                        value(config, "CircuitBreaker/delay", Long.class, FaultTolerantEcho.CB_DELAY_MS),
                        value(config, "CircuitBreaker/successThreshold", Integer.class,
                                FaultTolerantEcho.CB_SUCCESS_THRESHOLD)),
                new Bulkhead(value(config, "Bulkhead/value", Integer.class, FaultTolerantEcho.BULKHEAD),
                        value(config, "Bulkhead/waitingTaskQueue", Integer.class, FaultTolerantEcho.BULKHEAD_QUEUE)));
    }

    public Settings settings() {
        return settings;
    }

    public Amplification amplification() {
        int app = settings.retry().maxRetries() + 1;
        int grpc = configs.effectiveRetryAttempts();
        int bound = configs.amplificationBound();
        return new Amplification(app, grpc, app * grpc, bound, app * grpc > bound);
    }

    void warnAtStartup(@Observes StartupEvent started) {
        Amplification a = amplification();
        if (a.exceeded()) {
            LOG.warnf("Retry amplification: SmallRye Fault Tolerance may make %d attempts of a call that grpc-java may "
                    + "try %d times: up to %d calls to the server per gateway request, above "
                    + "lab.retry.amplification-bound=%d. Lower %sRetry/maxRetries or lab.retry.max-attempts, or raise "
                    + "the bound.", a.appAttempts(), a.grpcAttempts(), a.worstCase(), a.bound(), KEY_PREFIX);
        }
    }

    private static <T> T value(Config config, String key, Class<T> type, T fallback) {
        return config.getOptionalValue(KEY_PREFIX + key, type).orElse(fallback);
    }
}
