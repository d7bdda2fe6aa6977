package io.grpclab.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.auth.v1.Identity;
import io.grpclab.gateway.ApiDocs;
import io.grpclab.gateway.CredentialTransport;
import io.grpclab.gateway.Gateway;
import io.grpclab.gateway.InvalidParameterException;
import io.grpclab.grpc.LabChannel;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /demo/auth/basic}, {@code /session}, {@code /token}: the seed's three schemes, each as a flow
 * of real calls with the refusals that show why it is built that way. The body may name the user:
 * {@code {"username": "...", "password": "..."}}; by default the demo user of dev and test.
 */
@Path("/demo/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.DEMO_TAG)
@APIResponse(responseCode = "200",
        description = "The flow, step by step; outcome OK when every step ended as the scheme says",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuthFlowReport.class)))
public class AuthDemoResource {

    private static final String WRONG_PASSWORD = "not-the-password";

    private final AuthClient auth;
    private final Gateway gateway;
    private final LabChannel lab;
    private final PasswordCheck passwords;
    private final TokenService tokens;
    private final AuthConfig config;
    private final ObjectMapper json;
    private final CredentialTransport transport;
    private final Validator validator;

    AuthDemoResource(AuthClient auth, Gateway gateway, LabChannel lab, PasswordCheck passwords, TokenService tokens,
            AuthConfig config, ObjectMapper json, CredentialTransport transport, Validator validator) {
        this.auth = auth;
        this.gateway = gateway;
        this.lab = lab;
        this.passwords = passwords;
        this.tokens = tokens;
        this.config = config;
        this.json = json;
        this.transport = transport;
        this.validator = validator;
    }

    /** Who the flow logs in as. */
    public record Login(@NotBlank @Size(min = 1, max = 64) String username, @Size(max = 128) String password) {
    }

    @POST
    @Path("basic")
    @Operation(summary = "Basic authentication, step by step")
    @RequestBody(required = false, description = "who to log in as; the demo user of dev and test when empty",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Login.class),
                    examples = @ExampleObject(name = "demo",
                            value = "{\"username\": \"demo\", \"password\": \"demo-password\"}")))
    public Uni<AuthFlowReport> basic(String body, @Context HttpServerRequest http) {
        Login login = login(body, http);
        AuthFlow flow = new AuthFlow();
        long start = System.nanoTime();
        return flow.step("WhoAmI without credentials", "(none)", Status.Code.UNAUTHENTICATED,
                () -> auth.whoAmI(gateway.metadata()), AuthDemoResource::describe)
                .chain(() -> flow.step("WhoAmI with a wrong password", basicShown(login.username()),
                        Status.Code.UNAUTHENTICATED, () -> auth.whoAmI(withBasic(login.username(), WRONG_PASSWORD)),
                        AuthDemoResource::describe))
                .chain(() -> flow.step("WhoAmI with Basic credentials (sent with every call)",
                        basicShown(login.username()),
                        Status.Code.OK, () -> auth.whoAmI(withBasic(login.username(), login.password())),
                        AuthDemoResource::describe))
                .chain(() -> flow.step("AdminReport without role admin", basicShown(login.username()),
                        Status.Code.PERMISSION_DENIED,
                        () -> auth.adminReport(withBasic(login.username(), login.password())),
                        reply -> reply.getMessage()))
                .map(ignored -> report("auth-basic", login, flow, start));
    }

    @POST
    @Path("session")
    @Operation(summary = "Session authentication, step by step")
    @RequestBody(required = false, description = "who to log in as; the demo user of dev and test when empty",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Login.class),
                    examples = @ExampleObject(name = "demo",
                            value = "{\"username\": \"demo\", \"password\": \"demo-password\"}")))
    public Uni<AuthFlowReport> session(String body, @Context HttpServerRequest http) {
        Login login = login(body, http);
        AuthFlow flow = new AuthFlow();
        long start = System.nanoTime();
        String[] ids = new String[2];
        return flow.step("log in: CreateSession", "username and password in the request body", Status.Code.OK,
                () -> auth.createSession(login.username(), login.password(), gateway.metadata()), session -> {
                    ids[0] = session.getSessionId();
                    return "session " + AuthFlow.prefix(session.getSessionId(), 6) + ", ends if unused at "
                            + Instant.ofEpochMilli(session.getIdleExpiresAtMs()) + ", at the latest "
                            + Instant.ofEpochMilli(session.getAbsoluteExpiresAtMs());
                })
                .chain(() -> flow.step("WhoAmI with the session id", sessionShown(ids[0]), Status.Code.OK,
                        () -> auth.whoAmI(withSession(ids[0])), AuthDemoResource::describe))
                .chain(() -> flow.step("log out: the server forgets the session", sessionShown(ids[0]), Status.Code.OK,
                        () -> auth.logout(withSession(ids[0])), reply -> "revoked: " + reply.getRevoked()))
                .chain(() -> flow.step("WhoAmI with the ended session id", sessionShown(ids[0]),
                        Status.Code.UNAUTHENTICATED, () -> auth.whoAmI(withSession(ids[0])),
                        AuthDemoResource::describe))
                .chain(() -> flow.step("log in again: a new session id", "username and password in the request body",
                        Status.Code.OK,
                        () -> auth.createSession(login.username(), login.password(), gateway.metadata()),
                        session -> {
                            ids[1] = session.getSessionId();
                            return "session " + AuthFlow.prefix(session.getSessionId(), 6) + ", a new id: "
                                    + !session.getSessionId().equals(ids[0]);
                        }))
                .chain(() -> flow.step("log out again", sessionShown(ids[1]), Status.Code.OK,
                        () -> auth.logout(withSession(ids[1])), reply -> "revoked: " + reply.getRevoked()))
                .map(ignored -> report("auth-session", login, flow, start));
    }

    @POST
    @Path("token")
    @Operation(summary = "Token (JWT) authentication, step by step")
    @RequestBody(required = false, description = "who to log in as; the demo user of dev and test when empty",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Login.class),
                    examples = @ExampleObject(name = "demo",
                            value = "{\"username\": \"demo\", \"password\": \"demo-password\"}")))
    public Uni<AuthFlowReport> token(String body, @Context HttpServerRequest http) {
        Login login = login(body, http);
        AuthFlow flow = new AuthFlow();
        long start = System.nanoTime();
        String[] token = new String[1];
        return flow.step("log in: IssueToken", "username and password in the request body", Status.Code.OK,
                () -> auth.issueToken(login.username(), login.password(), gateway.metadata()), issued -> {
                    token[0] = issued.getToken();
                    return issued.getTokenType() + " token " + AuthFlow.prefix(issued.getToken(), 12) + ", expires at "
                            + Instant.ofEpochMilli(issued.getExpiresAtMs());
                })
                .chain(() -> flow.step("WhoAmI with the token: the server keeps no state", bearerShown(token[0]),
                        Status.Code.OK, () -> auth.whoAmI(withBearer(token[0])), AuthDemoResource::describe))
                .chain(() -> flow.step("WhoAmI with a tampered token (groups changed to admin, signature kept)",
                        "Bearer (tampered)", Status.Code.UNAUTHENTICATED,
                        () -> auth.whoAmI(withBearer(tampered(token[0]))),
                        AuthDemoResource::describe))
                .chain(() -> flow.step("WhoAmI with an unsigned token (alg: none)", "Bearer (alg none)",
                        Status.Code.UNAUTHENTICATED, () -> auth.whoAmI(withBearer(unsigned(token[0]))),
                        AuthDemoResource::describe))
                .chain(() -> flow.step("WhoAmI with a token that expired a minute ago (signed with the server's key)",
                        "Bearer (expired)", Status.Code.UNAUTHENTICATED, () -> auth.whoAmI(withBearer(expired(login))),
                        AuthDemoResource::describe))
                .chain(() -> flow.step("log out: the server refuses this token until it expires", bearerShown(token[0]),
                        Status.Code.OK, () -> auth.logout(withBearer(token[0])),
                        reply -> "revoked: " + reply.getRevoked()))
                .chain(() -> flow.step("WhoAmI with the revoked token", bearerShown(token[0]),
                        Status.Code.UNAUTHENTICATED,
                        () -> auth.whoAmI(withBearer(token[0])), AuthDemoResource::describe))
                .map(ignored -> report("auth-token", login, flow, start));
    }

    private AuthFlowReport report(String scenario, Login login, AuthFlow flow, long start) {
        boolean usersConfigured = !passwords.noUsers();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("username", login.username());
        String note = usersConfigured ? null
                : "no user is configured on this server: the logins cannot succeed. Add one with "
                        + "lab.auth.users.<name>.password-hash (bcrypt) and lab.auth.users.<name>.roles (see README)";
        return new AuthFlowReport(scenario, parameters, usersConfigured, note, flow.steps(), flow.outcome(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), lab.summary());
    }

    /**
     * Who to log in as: the body's user, whose password must not have come over plain HTTP, or the demo user. The body
     * is read here rather than as a JAX-RS entity so that {@code curl -X POST} with no body and no content type, and
     * {@code curl -d} (form content type), still run the flow; its bounds are the record's constraints all the same.
     */
    private Login login(String body, HttpServerRequest http) {
        if (body == null || body.isBlank()) {
            return new Login(config.demoUsername().orElse("demo"), config.demoPassword().orElse(""));
        }
        Login login;
        try {
            login = json.readValue(body, Login.class);
            if (login == null) { // the JSON literal null
                throw new InvalidParameterException("body",
                        "must be a JSON object: {\"username\": \"...\", \"password\": \"...\"}");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidParameterException("body", "must be JSON: {\"username\": \"...\", \"password\": \"...\"}");
        }
        Set<ConstraintViolation<Login>> violations = validator.validate(login);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        String password = login.password() == null ? "" : login.password();
        if (!password.isEmpty()) {
            transport.requireHttps(http, "password");
        }
        return new Login(login.username(), password);
    }

    private Metadata withBasic(String user, String password) {
        Metadata metadata = gateway.metadata();
        AuthClient.basic(metadata, user, password);
        return metadata;
    }

    private Metadata withSession(String id) {
        Metadata metadata = gateway.metadata();
        AuthClient.session(metadata, id == null ? "" : id);
        return metadata;
    }

    private Metadata withBearer(String token) {
        Metadata metadata = gateway.metadata();
        AuthClient.bearer(metadata, token == null ? "" : token);
        return metadata;
    }

    private String expired(Login login) {
        return tokens.enabled() ? tokens.issue(login.username(), List.of("user"), Duration.ofMinutes(-1)) : "";
    }

    /** The token with its payload's groups set to admin, the signature left as it was. */
    private String tampered(String token) {
        return rewritePayload(token, payload -> {
            ArrayNode groups = payload.putArray("groups");
            groups.add("admin");
            return payload;
        }, true);
    }

    /** The token's claims under a header that says alg: none, and no signature. */
    private String unsigned(String token) {
        return rewritePayload(token, Function.identity(), false);
    }

    private String rewritePayload(String token, Function<ObjectNode, ObjectNode> change, boolean keepSignature) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return "not.a.token";
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        try {
            ObjectNode payload = (ObjectNode) json.readTree(decoder.decode(parts[1]));
            String claims = encoder.encodeToString(json.writeValueAsBytes(change.apply(payload)));
            String header = keepSignature ? parts[0]
                    : encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + "." + (keepSignature ? parts[2] : "");
        } catch (java.io.IOException e) {
            return "not.a.token";
        }
    }

    private static String describe(Identity identity) {
        return identity.getName() + " " + identity.getRolesList() + " via " + identity.getMechanism();
    }

    private static String basicShown(String user) {
        return "authorization: Basic " + user + ":********";
    }

    private static String sessionShown(String id) {
        return "x-session-id: " + AuthFlow.prefix(id, 6);
    }

    private static String bearerShown(String token) {
        return "authorization: Bearer " + AuthFlow.prefix(token, 12);
    }
}
