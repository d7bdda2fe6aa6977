package io.grpclab.auth;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.grpc.Metadata;
import io.grpclab.gateway.Gateway;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /api/whoami}: IdentityService.WhoAmI through the gateway. The one endpoint that forwards
 * credentials, on purpose: the caller's {@code Authorization} header and {@code X-Session-Id} become the
 * call's {@code authorization} and {@code x-session-id} metadata (over the gateway's TLS channel).
 */
@Path("/api/whoami")
public class WhoAmIApiResource {

    static final String PATH = "/api/whoami";

    /** Identity in proto3 JSON. */
    public record WhoAmI(String name, List<String> roles, String mechanism) {
    }

    private final AuthClient auth;
    private final Gateway gateway;

    WhoAmIApiResource(AuthClient auth, Gateway gateway) {
        this.auth = auth;
        this.gateway = gateway;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> whoAmI(@Context HttpServerRequest request) {
        Gateway.CallSettings call = gateway.callSettings(request);
        Metadata metadata = call.metadata();
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            metadata.put(TransportSecurityInterceptor.AUTHORIZATION, authorization);
        }
        String session = request.getHeader("X-Session-Id");
        if (session != null) {
            AuthClient.session(metadata, session);
        }
        return auth.whoAmI(metadata, call.deadline()).map(result -> gateway.respond(result,
                identity -> new WhoAmI(identity.getName(), identity.getRolesList(), identity.getMechanism()), PATH));
    }
}
