package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.grpclab.support.AsInDevMode;
import io.grpclab.support.DocCommands;
import io.grpclab.support.DocCommands.CurlRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Every curl command in the README and the docs, run or not, names an endpoint this app serves, whatever port it
 * writes (8080, a second instance's 8081, the management port 9000): the same method and path answer here with
 * something other than a 404 or 405 for want of a route. A 404 that a gRPC service answered (its problem names a
 * gRPC status) is a served route. {@code /demo} operations are checked against the OpenAPI description, not run:
 * running a scenario out of its docs order would change what the next docs command prints (an open circuit breaker).
 */
@QuarkusTest
@TestProfile(AsInDevMode.class)
class DocEndpointsTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theDocsNameAppEndpointsInTheirCurlCommands() {
        assertThat(DocCommands.curlRequests()).hasSizeGreaterThanOrEqualTo(40)
                .extracting(CurlRequest::file).contains(DocCommands.README);
    }

    @Test
    void everyCurlCommandNamesAnEndpointTheAppServes() throws Exception {
        Map<String, Map<String, Object>> documented = RestAssured.given().queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> checked = new LinkedHashSet<>();
        List<String> unserved = new ArrayList<>();
        for (CurlRequest request : DocCommands.curlRequests()) {
            String route = request.method() + " " + request.path();
            if (!checked.add(route)) {
                continue;
            }
            if (request.path().startsWith("/demo/")) {
                if (!documented(documented, request)) {
                    unserved.add(request + " (not in the OpenAPI description)");
                }
                continue;
            }
            HttpResponse<String> response = client.send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + base.getPort() + request.path()))
                    .method(request.method(), HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            boolean noRoute = response.statusCode() == 405
                    || response.statusCode() == 404 && !response.body().contains("\"grpcStatus\"");
            if (noRoute) {
                unserved.add(request + " (" + response.statusCode() + ")");
            }
        }
        assertThat(unserved).as("curl commands that name no endpoint of the app").isEmpty();
    }

    /** Whether a path template of the description ({@code /demo/network/faults/{id}}) has this method and path. */
    private static boolean documented(Map<String, Map<String, Object>> paths, CurlRequest request) {
        return paths.entrySet().stream()
                .anyMatch(path -> request.path().matches(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"))
                        && path.getValue().containsKey(request.method().toLowerCase(Locale.ROOT)));
    }
}
