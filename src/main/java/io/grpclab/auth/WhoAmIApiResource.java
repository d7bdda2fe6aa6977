package io.grpclab.auth;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpc.Metadata;
import io.grpclab.gateway.Problem;
import io.grpclab.gateway.ApiDocs;
import io.grpclab.gateway.CredentialTransport;
import io.grpclab.gateway.Gateway;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /api/whoami}: IdentityService.WhoAmI through the gateway. The one endpoint that forwards
 * credentials, on purpose: the caller's {@code Authorization} header and {@code X-Session-Id} become the
 * call's {@code authorization} and {@code x-session-id} metadata (over the gateway's TLS channel).
 */
@Path("/api/whoami")
@Tag(name = ApiDocs.GATEWAY_TAG)
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
    @Operation(summary = "IdentityService.WhoAmI through the gateway", description = "Forwards the "
            + "Authorization header (Basic or Bearer) and X-Session-Id on purpose, over the gateway's TLS channel. "
            + ApiDocs.DEADLINE_HEADERS)
    @Parameter(name = "Authorization", in = ParameterIn.HEADER,
            description = "Basic base64(user:password) or Bearer <jwt>",
            example = "Basic ZGVtbzpkZW1vLXBhc3N3b3Jk")
    @Parameter(name = "X-Session-Id", in = ParameterIn.HEADER,
            description = "a session id from AuthService.CreateSession")
    @APIResponse(responseCode = "200", description = "who the caller is",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WhoAmI.class)))
    @APIResponse(responseCode = "401", description = "no or invalid credentials (WWW-Authenticate says which schemes)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "too many failed logins for this user or client",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "504", description = "the deadline passed",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<WhoAmI> whoAmI(@Context HttpServerRequest request) {
        Gateway.CallSettings call = gateway.callSettings(request);
        Metadata metadata = call.metadata();
        String authorization = request.getHeader(CredentialTransport.AUTHORIZATION);
        if (authorization != null) {
            metadata.put(TransportSecurityInterceptor.AUTHORIZATION, authorization);
        }
        String session = request.getHeader(CredentialTransport.SESSION_ID);
        if (session != null) {
            AuthClient.session(metadata, session);
        }
        return auth.whoAmI(metadata, call.deadline(), result -> gateway.answer(result,
                identity -> new WhoAmI(identity.getName(), identity.getRolesList(), identity.getMechanism()), PATH,
                request.response()));
    }
}
