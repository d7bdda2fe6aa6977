package io.grpclab.lab.explorer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpclab.testing.KitchenSinkGrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The explorer against other gRPC servers, named in lab.explorer.targets: one with reflection (its services are read
 * from it) and one without.
 */
@QuarkusTest
@TestProfile(ExplorerTargetsTests.TwoOtherServers.class)
class ExplorerTargetsTests {

    /** Two plain-text grpc-java servers on free loopback ports, for as long as the tests run. */
    public static class TwoOtherServers implements QuarkusTestProfile {

        static final Server REFLECTING = start(true);
        static final Server BARE = start(false);

        private static Server start(boolean reflection) {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new KitchenSinkGrpcService());
            if (reflection) {
                builder.addService(ProtoReflectionServiceV1.newInstance());
            }
            try {
                Server server = builder.build().start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.explorer.targets.other.address", "127.0.0.1:" + REFLECTING.getPort(),
                    "lab.explorer.targets.other.plain-text", "true",
                    "lab.explorer.targets.bare.address", "127.0.0.1:" + BARE.getPort(),
                    "lab.explorer.targets.bare.plain-text", "true");
        }
    }

    @Test
    void aConfiguredServersMethodsAreReadFromItsReflection() {
        given().queryParam("target", "other").when().get("/demo/explorer").then()
                .statusCode(200)
                .body("target", equalTo("other"))
                .body("targets", contains("self", "bare", "other"))
                .body("services.name", contains("lab.testing.v1.KitchenSinkService"))
                .body("services[0].methods.type", contains("UNARY", "SERVER_STREAMING"))
                .body("messages", hasKey("lab.testing.v1.KitchenSink"))
                .body("messages.'lab.testing.v1.KitchenSink'.fields.find { it.name == 'color' }.enumValues",
                        hasItem("GREEN"));
    }

    @Test
    void aConfiguredServerIsCalledWithoutTheLabsKnobsOrItsCredential() {
        given().contentType(ContentType.JSON).body("{\"name\": \"far\", \"tags\": [\"x\"]}")
                .queryParam("target", "other").queryParam("policy", "retry")
                .when().post("/demo/explorer/lab.testing.v1.KitchenSinkService/Echo").then()
                .statusCode(200)
                .body("parameters.target", equalTo("other"))
                .body("outcome.status", equalTo("OK"))
                .body("attempts", hasSize(1))
                .body("policy.retry.maxAttempts", equalTo(10))
                .body("responses[0].message.tags", contains("x"))
                .body("metadata.sent", not(hasKey("x-lab-demo-token")));
        given().contentType(ContentType.JSON).queryParam("target", "other").queryParam("failAttempts", 1)
                .when().post("/demo/explorer/lab.testing.v1.KitchenSinkService/Echo").then()
                .statusCode(400).body("invalidParams[0].name", equalTo("failAttempts"));
        given().contentType(ContentType.JSON).queryParam("target", "other").header("Authorization", "Bearer x")
                .when().post("/demo/explorer/lab.testing.v1.KitchenSinkService/Echo").then()
                .statusCode(400).body("invalidParams[0].name", equalTo("Authorization"))
                .body("invalidParams[0].reason", containsString("without TLS"));
    }

    @Test
    void onlyConfiguredTargetsWithReflectionAreExplored() {
        given().queryParam("target", "nope").when().get("/demo/explorer").then()
                .statusCode(404).body("detail", containsString("[self, bare, other]"));
        given().queryParam("target", "127.0.0.1:50051").when().get("/demo/explorer").then()
                .statusCode(400).body("invalidParams[0].name", equalTo("target"));
        given().queryParam("target", "bare").when().get("/demo/explorer").then()
                .statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("UNIMPLEMENTED (is reflection on there?)"));
        given().contentType(ContentType.JSON).queryParam("target", "other")
                .when().post("/demo/explorer/EchoService/Echo").then()
                .statusCode(404).body("detail", containsString("in the services of other"));
    }
}
