package io.grpclab.ops;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Tags whose values a caller chooses stay bounded. Vert.x accepts any token as an HTTP method and Quarkus's HTTP
 * metrics tag each request with it, so 40,000 made-up methods were 40,000 series (a 14 MB scrape, +58 MB of heap):
 * here a method outside RFC 9110's and PATCH is {@code OTHER}, as OpenTelemetry's semantic conventions say. The
 * {@code uri} tag of a 4xx that matched no route is Quarkus's {@code UNKNOWN}
 * ({@code quarkus.micrometer.binder.http-server.suppress4xx-errors}), and its {@code status} and {@code outcome}
 * have few values. The gRPC metrics' {@code method} comes from the server's registered methods (an unknown method
 * is answered UNIMPLEMENTED before any interceptor records it).
 */
@Singleton
class HttpMetricTags {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
            "PATCH");
    static final String OTHER = "OTHER";

    @Produces
    @Singleton
    MeterFilter boundedHttpMethods() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server")) {
                    return id;
                }
                String method = id.getTag("method");
                return method == null || METHODS.contains(method) ? id
                        : id.replaceTags(Tags.of(id.getTagsAsIterable()).and(Tag.of("method", OTHER)));
            }
        };
    }
}
