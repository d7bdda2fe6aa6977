package io.grpclab.lab.keepalive;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.grpclab.edge.ApiDocs;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.keepalive.SilentPeerReport.TimelineEntry;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /demo/keepalive/too-many-pings}: the server's side of keepalive. A throwaway grpc-java server that permits
 * a ping only every {@code permitKeepAliveTimeMs} (grpc-java's default is 5 minutes), a client that pings every
 * {@code keepAliveTimeMs} while a call stays open (a health Watch): the server counts each early ping as a strike and
 * past its limit sends GOAWAY ENHANCE_YOUR_CALM "too_many_pings", which ends the call. The report shows when, how the
 * call ended, what grpc-java said it did about it, and a second call on the same channel.
 */
@Path("/demo/keepalive/too-many-pings")
@Tag(name = ApiDocs.DEMO_TAG)
public class TooManyPingsScenarioResource {

    /** Where grpc-java says it raised a channel's keepalive time after too_many_pings. */
    private static final String BACKOFF_LOGGER = "io.grpc.internal.AtomicBackoff";

    @GET
    @Blocking // waits for the server's GOAWAY, 30 s with the defaults
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "Ping more often than the server permits, and it answers GOAWAY too_many_pings and ends your calls.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a server that permits the pings\", \"query\": \"permitKeepAliveTimeMs=5000&waitMs=12000\"}]", parseValue = true)
    @Operation(summary = "Keepalive the server refuses: too_many_pings", description = "A client pinging every "
            + "keepAliveTimeMs against a throwaway server that permits one ping per permitKeepAliveTimeMs, with a "
            + "call open: after too many early pings the server sends GOAWAY ENHANCE_YOUR_CALM too_many_pings. Shows "
            + "when, how the call ended and what the client did next. Takes 2 to 3 × keepAliveTimeMs.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TooManyPingsReport.class)))
    public TooManyPingsReport run(
            @QueryParam("keepAliveTimeMs") @DefaultValue("10000") @Min(10_000) @Max(30_000) @Parameter(description = "how "
                    + "often the client pings (grpc-java raises anything below 10 s to 10 s)") int keepAliveTimeMs,
            @QueryParam("permitKeepAliveTimeMs") @DefaultValue("60000") @Min(1000) @Max(600_000) @Parameter(description = "the "
                    + "least time the server permits between two pings") int permitKeepAliveTimeMs,
            @QueryParam("waitMs") @DefaultValue("45000") @Min(5000) @Max(100_000) @Parameter(description = "how long "
                    + "to wait for the GOAWAY") int waitMs)
            throws IOException, InterruptedException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("keepAliveTimeMs", keepAliveTimeMs);
        parameters.put("permitKeepAliveTimeMs", permitKeepAliveTimeMs);
        parameters.put("waitMs", waitMs);
        HealthStatusManager health = new HealthStatusManager();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .permitKeepAliveTime(permitKeepAliveTimeMs, TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(false)
                .addService(health.getHealthService()).build().start();
        BackoffRecorder backoff = new BackoffRecorder();
        Logger grpcLogger = Logger.getLogger(BACKOFF_LOGGER);
        grpcLogger.addHandler(backoff);
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.getPort()).usePlaintext()
                .keepAliveTime(keepAliveTimeMs, TimeUnit.MILLISECONDS).keepAliveWithoutCalls(true).build();
        long start = System.nanoTime();
        ChannelStates states = new ChannelStates(channel, start);
        try {
            WatchRecorder watch = new WatchRecorder(states);
            HealthGrpc.newStub(channel).withDeadlineAfter(waitMs, TimeUnit.MILLISECONDS)
                    .watch(HealthCheckRequest.getDefaultInstance(), watch);
            watch.ended.await(waitMs + 5000L, TimeUnit.MILLISECONDS);
            Outcome second = secondCall(channel);
            return report(parameters, keepAliveTimeMs, permitKeepAliveTimeMs, watch, backoff, second, states);
        } finally {
            grpcLogger.removeHandler(backoff);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Outcome secondCall(ManagedChannel channel) {
        try {
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            return new Outcome("OK", "answered over a new connection");
        } catch (StatusRuntimeException e) {
            return new Outcome(e.getStatus().getCode().name(), e.getStatus().getDescription());
        }
    }

    private static TooManyPingsReport report(Map<String, Object> parameters, int keepAliveTimeMs,
            int permitKeepAliveTimeMs, WatchRecorder watch, BackoffRecorder backoff, Outcome second,
            ChannelStates states) {
        Status status = watch.status;
        String description = status == null ? null : status.getDescription();
        boolean goaway = description != null && description.contains("too_many_pings");
        List<TimelineEntry> timeline = new ArrayList<>(states.entries());
        timeline.addAll(watch.events);
        timeline.sort(Comparator.comparingLong(TimelineEntry::atMs));
        Outcome outcome = status == null ? new Outcome("IN_PROGRESS", "the call was still open when the run ended")
                : new Outcome(status.getCode().name(), description);
        String explanation = goaway
                ? "The client pinged every " + keepAliveTimeMs + " ms; the server permits one ping per "
                        + permitKeepAliveTimeMs + " ms. After too many early pings, " + watch.endedAtMs + " ms in, it sent "
                        + "GOAWAY ENHANCE_YOUR_CALM \"too_many_pings\" and closed the connection: the open call ended "
                        + outcome.status() + ". " + (backoff.said == null ? ""
                                : "grpc-java then said: \"" + backoff.said + "\". ")
                        + "The next call went over a new connection: " + second.status() + "."
                : "No GOAWAY came: the call ended " + outcome.status() + " after " + watch.endedAtMs + " ms. The server "
                        + "permits a ping every " + permitKeepAliveTimeMs + " ms, the client pinged every "
                        + keepAliveTimeMs + " ms.";
        return new TooManyPingsReport("keepalive/too-many-pings", parameters, outcome, states.sinceStart(),
                keepAliveTimeMs, permitKeepAliveTimeMs, goaway ? watch.endedAtMs : null,
                goaway ? description : null, backoff.said, second, timeline, explanation);
    }

    /** The open call: each message, and how and when it ended. */
    private static final class WatchRecorder implements StreamObserver<HealthCheckResponse> {
        final CountDownLatch ended = new CountDownLatch(1);
        final List<TimelineEntry> events = new CopyOnWriteArrayList<>();
        final ChannelStates clock;
        volatile Status status;
        volatile Long endedAtMs;

        WatchRecorder(ChannelStates clock) {
            this.clock = clock;
        }

        @Override
        public void onNext(HealthCheckResponse response) {
            events.add(new TimelineEntry(clock.sinceStart(), "call", "the server says " + response.getStatus()));
        }

        @Override
        public void onError(Throwable error) {
            end(Status.fromThrowable(error));
        }

        @Override
        public void onCompleted() {
            end(Status.OK);
        }

        private void end(Status ended) {
            status = ended;
            endedAtMs = clock.sinceStart();
            events.add(new TimelineEntry(endedAtMs, "call", "ended " + ended.getCode()
                    + (ended.getDescription() == null ? "" : ": " + ended.getDescription())));
            this.ended.countDown();
        }
    }

    /** What grpc-java says when it raises a keepalive time after too_many_pings ("Increased ... to ..."). */
    private static final class BackoffRecorder extends Handler {
        volatile String said;

        @Override
        public void publish(LogRecord record) {
            if (said == null && record.getMessage() != null) {
                said = record.getParameters() == null ? record.getMessage()
                        : MessageFormat.format(record.getMessage(), record.getParameters());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
