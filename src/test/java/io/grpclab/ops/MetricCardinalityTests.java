package io.grpclab.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoResponse;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Whatever a caller puts in a request (a made-up HTTP method, a path of its own, a bad header, a gRPC method that does
 * not exist), the metrics keep a bounded set of series: a tag per value a caller chooses would grow the scrape and
 * the heap without bound.
 */
@QuarkusTest
class MetricCardinalityTests {

    static final int REQUESTS = 60;
    static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH", "OTHER");

    @Test
    void madeUpMethodsPathsAndHeadersAddNoSeries() {
        given().get("/api/ping").then().statusCode(200); // every ordinary series exists before the count
        given().body("{}").contentType("application/json").post("/api/echo").then().statusCode(200);
        Set<String> before = series();

        ManagedChannel channel = TestGrpc.tls();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                given().request("MADEUP" + i, "/api/echo").then().statusCode(405);
                given().get("/nothing-here-" + i).then().statusCode(404);
                given().header("X-Request-Id", "not an id " + i).get("/demo/unknown-" + i).then().statusCode(400);
                assertThat(unknownGrpcMethod(channel, "MadeUpService" + i)).isEqualTo(Status.Code.UNIMPLEMENTED);
            }
        } finally {
            channel.shutdownNow();
        }
        Set<String> after = series();

        Set<String> added = new LinkedHashSet<>(after);
        added.removeAll(before);
        added.removeIf(line -> !line.startsWith("http_") && !line.startsWith("grpc_") && !line.startsWith("lab_"));
        assertThat(added).as("series added by %d requests of each of 3 kinds: one each (count, sum, max)", REQUESTS)
                .hasSizeLessThanOrEqualTo(9);
        assertThat(after).noneMatch(line -> line.contains("MADEUP") || line.contains("nothing-here")
                || line.contains("unknown-") || line.contains("MadeUpService"));
        for (String line : after) {
            if (line.startsWith("http_server_")) {
                Matcher label = LABEL.matcher(line);
                while (label.find()) {
                    if (label.group(1).equals("method")) {
                        assertThat(label.group(2)).as(line).isIn(HTTP_METHODS);
                    }
                }
            }
        }
    }

    private static Status.Code unknownGrpcMethod(ManagedChannel channel, String service) {
        MethodDescriptor<EchoRequest, EchoResponse> method = EchoServiceGrpc.getEchoMethod().toBuilder()
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Echo")).build();
        try {
            ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                    EchoRequest.getDefaultInstance());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    /** Every series in the Prometheus scrape: its name and labels, without the value. */
    private static Set<String> series() {
        Set<String> series = new LinkedHashSet<>();
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                series.add(line.substring(0, line.lastIndexOf(' ')));
            }
        }
        return series;
    }
}
