package io.grpclab.edge;

/** Constants the OpenAPI annotations share. */
public final class ApiDocs {

    public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;
    public static final String BAD_PARAMETERS = "A parameter (query, header or body) is out of its bounds; the problem "
            + "names it";
    public static final String DEMO_TAG = "demo";
    public static final String GATEWAY_TAG = "gateway";
    public static final String DEMO_REPORT = "The report: 200 even when the gRPC call failed as the scenario intends";
    public static final String DEADLINE_HEADERS = "Deadline: X-Request-Timeout (ms, 1..60000) or grpc-timeout (gRPC "
            + "format, e.g. 500m), the shorter wins, default 5 s. Grpc-Metadata-<key> headers become metadata; "
            + "response headers come back as Grpc-Metadata-<key>, trailers as Grpc-Trailer-<key>.";

    private ApiDocs() {
    }
}
