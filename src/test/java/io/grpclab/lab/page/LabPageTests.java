package io.grpclab.lab.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The lab page's files over HTTP, and the headers every response carries: the page's own policy on every file of
 * it, each file revalidated, a path that reaches the files only once decoded refused, and nothing answered without
 * the security headers.
 */
@QuarkusTest
class LabPageTests {

    static final String PAGE_POLICY = LabPage.CONTENT_SECURITY_POLICY;
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Test
    void everyFileOfThePageCarriesItsPolicyAndIsRevalidated() {
        for (String file : new String[] { "/lab/", "/lab/index.html", "/lab/app.js", "/lab/lab.css" }) {
            Response response = given().get(file);
            response.then().statusCode(200).header("Content-Security-Policy", PAGE_POLICY)
                    .header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff");
            String modified = response.header("Last-Modified");
            assertThat(modified).as(file).isNotNull();
            given().header("If-Modified-Since", modified).get(file).then().statusCode(304);
        }
    }

    @Test
    void aPathThatReachesTheFilesOnlyOnceDecodedIsRefused() {
        for (String path : new String[] { "/lab%2Findex.html", "/lab%2fapp.js", "/%6Cab%2Findex.html",
                "/lab%5Cindex.html" }) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(404)
                    .contentType("application/problem+json").header("Content-Security-Policy", API_POLICY)
                    .body("title", equalTo("Not Found"));
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (Response response : new Response[] { given().get("/api/ping"),
                given().contentType(ContentType.JSON).body("{\"echoMessage\":\"x\"}").post("/api/echo"),
                given().contentType(ContentType.JSON).body("{").post("/api/echo"),
                given().get("/nothing-here"), given().get("/demo/deadline?deadlineMs=0"),
                given().get("/demo/keepalive"), given().get("/") }) {
            response.then().header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", not(nullValue()));
        }
        given().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", nullValue()); // Swagger UI and Dev UI run inline scripts
    }
}
