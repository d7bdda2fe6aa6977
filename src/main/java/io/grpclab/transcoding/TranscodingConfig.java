package io.grpclab.transcoding;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The descriptor-driven gateway routes. */
@ConfigMapping(prefix = "lab.transcoding")
public interface TranscodingConfig {

    /**
     * Rule files on the class path (google.api.Http in YAML, as grpc-gateway's "gRPC API configuration") besides the
     * protos' own google.api.http options: http-rules.yaml holds the seed's services' routes.
     */
    Optional<List<String>> ruleFiles();

    /** Whether a JSON field or query parameter that the request message does not have is dropped instead of refused. */
    @WithDefault("false")
    boolean ignoreUnknownFields();
}
