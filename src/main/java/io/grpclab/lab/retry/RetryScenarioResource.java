package io.grpclab.lab.retry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.edge.InvalidParameterException;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.faults.Faults;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.FailureCode;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.catalogue.ScenarioConfig;
import io.grpclab.lab.clients.HelloClient;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /demo/retry}: the seed's fourth example. SayHello under the configured retry policy while the
 * server fails the first attempts on purpose; every attempt is traced and checked against the server.
 */
@Path("/demo/retry")
@Tag(name = ApiDocs.DEMO_TAG)
public class RetryScenarioResource {

    private final HelloClient hello;
    private final ServiceConfigs configs;
    private final RetryChannels channels;
    private final GatewayChannel lab;
    private final HttpToGrpc gateway;

    RetryScenarioResource(HelloClient hello, ServiceConfigs configs, RetryChannels channels, GatewayChannel lab,
            HttpToGrpc gateway) {
        this.hello = hello;
        this.configs = configs;
        this.channels = channels;
        this.lab = lab;
        this.gateway = gateway;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "A retry policy retries only the statuses it names, after a random backoff that grows, until an attempt succeeds or the attempts run out.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a status the policy does not retry\", \"query\": \"failAttempts=3&code=INTERNAL\"}, {\"label\": \"one deadline for all attempts\", \"query\": \"failAttempts=7&deadlineMs=500\"}, {\"label\": \"more failures than attempts\", \"query\": \"failAttempts=12\"}]", parseValue = true)
    @Operation(summary = "Retries you can see", description = "SayHello under the configured retry policy while the "
            + "server fails the first attempts. Every attempt is traced below grpc-java's retry machinery, checked "
            + "against the attempt number the server saw, each backoff against the policy; stoppedBecause says why "
            + "retries ended.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = RetryReport.class)))
    public Uni<RetryReport> run(
            @QueryParam("failAttempts") @DefaultValue("3") @Min(0) @Max(Faults.MAX_FAIL_ATTEMPTS) @Parameter(description = "the server fails the first N attempts", example = "3") int failAttempts,
            @QueryParam("code") @DefaultValue("UNAVAILABLE") @FailureCode @Parameter(description = "the status of those failures: a gRPC status name other than OK", example = "UNAVAILABLE") Status.Code code,
            @QueryParam("pushbackMs") @Min(-1) @Max(Faults.MAX_PUSHBACK_MS) @Parameter(description = "the server's grpc-retry-pushback-ms on failures; -1 says do not retry", example = "-1") Integer pushbackMs,
            @QueryParam("mode") @DefaultValue("knobs") @Pattern(regexp = "knobs|seed", message = "must be knobs or seed") @Parameter(description = "seed: fail as the seed's server does, whenever epoch seconds % 2 < 1", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "knobs", "seed" })) String mode,
            @QueryParam("deadlineMs") @DefaultValue("10000") @Min(1) @Max(ScenarioConfig.MAX_DEADLINE_MS) @Parameter(description = "one deadline for all attempts, in ms", example = "10000") int deadlineMs,
            @QueryParam("throttleMaxTokens") @Min(1) @Max(1000) @Parameter(description = "run on a fresh channel with retry throttling of this many tokens (with "
                    + "throttleTokenRatio)", example = "1") Integer throttleMaxTokens,
            @QueryParam("throttleTokenRatio") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") @Parameter(description = "the tokens a success gives back (with throttleMaxTokens)", example = "0.001") Double throttleTokenRatio) {
        Optional<ServiceConfigs.Throttling> throttling = throttling(throttleMaxTokens, throttleTokenRatio);

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("mode", mode);
        Metadata headers = gateway.demoMetadata();
        if (mode.equals("seed")) {
            headers.put(FaultKnobs.FAIL_MODE, "seed-window");
        } else {
            parameters.put("failAttempts", failAttempts);
            parameters.put("code", code.name());
            headers.put(FaultKnobs.FAIL_ATTEMPTS, Integer.toString(failAttempts));
            headers.put(FaultKnobs.FAIL_CODE, code.name());
            if (pushbackMs != null) {
                parameters.put("pushbackMs", pushbackMs);
                headers.put(FaultKnobs.RETRY_PUSHBACK_MS, Integer.toString(pushbackMs));
            }
        }
        parameters.put("deadlineMs", deadlineMs);
        throttling.ifPresent(t -> {
            parameters.put("throttleMaxTokens", t.maxTokens());
            parameters.put("throttleTokenRatio", t.tokenRatio());
        });

        AttemptTrace trace = new AttemptTrace();
        long deadlineSet = System.nanoTime(); // elapsedMs counts from here, as the deadline does
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                .withStreamTracerFactory(trace);
        ManagedChannel own = throttling.map(channels::withThrottling).orElse(null);
        Channel via = own != null ? own : hello.channel();
        return hello.sayHello(via, "Hyeonghwan", options, headers)
                .map(result -> report(parameters, throttling, result, trace,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - deadlineSet)))
                .eventually(() -> {
                    if (own != null) {
                        own.shutdownNow();
                    }
                });
    }

    private RetryReport report(Map<String, Object> parameters, Optional<ServiceConfigs.Throttling> throttling,
            CallResult<?> result, AttemptTrace trace, long elapsedMs) {
        List<AttemptTrace.Attempt> attempts = trace.attempts();
        int effectiveMaxAttempts = configs.effectiveRetryAttempts();
        return new RetryReport("retry", parameters, configs.retryPolicy(), throttling.orElse(null),
                effectiveMaxAttempts, Outcome.of(result), elapsedMs, attempts,
                BackoffCheck.of(attempts, configs.retryPolicy()), RetryVerdict.serverCheck(attempts),
                RetryVerdict.stoppedBecause(result.status().getCode(), attempts, configs.retryableCodes(),
                        effectiveMaxAttempts, throttling, result.deadlinePassed()),
                lab.summary());
    }

    private static Optional<ServiceConfigs.Throttling> throttling(Integer maxTokens, Double tokenRatio) {
        boolean tokens = maxTokens != null;
        if (tokens != (tokenRatio != null)) {
            throw new InvalidParameterException(tokens ? "throttleTokenRatio" : "throttleMaxTokens",
                    "goes with " + (tokens ? "throttleMaxTokens" : "throttleTokenRatio") + ": give both or neither");
        }
        if (!tokens) {
            return Optional.empty();
        }
        return Optional.of(new ServiceConfigs.Throttling(maxTokens, tokenRatio));
    }
}
