package io.grpclab.lab.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.auth.PasswordCheck;
import io.grpclab.auth.v1.Identity;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.auth.FlowLogins.Login;
import io.grpclab.lab.catalogue.ScenarioCatalog;
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
@APIResponse(responseCode = "200", description = "The flow, step by step; outcome OK when every step ended as the scheme says", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuthFlowReport.class)))
public class AuthScenarioResource {

    private static final String WRONG_PASSWORD = "not-the-password";

    private final AuthClient auth;
    private final HttpToGrpc gateway;
    private final GatewayChannel lab;
    private final PasswordCheck passwords;
    private final FlowLogins logins;
    private final ForgedTokens forged;

    AuthScenarioResource(AuthClient auth, HttpToGrpc gateway, GatewayChannel lab, PasswordCheck passwords, FlowLogins logins,
            ForgedTokens forged) {
        this.auth = auth;
        this.gateway = gateway;
        this.lab = lab;
        this.passwords = passwords;
        this.logins = logins;
        this.forged = forged;
    }

    @POST
    @Path("basic")
    @Extension(name = ScenarioCatalog.TEACHES, value = "Basic credentials travel with every call and are checked on every call.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"log in once: a session\", \"scenario\": \"auth/session\", \"query\": \"\"}, {\"label\": \"a signed token\", \"scenario\": \"auth/token\", \"query\": \"\"}]", parseValue = true)
    @Operation(summary = "Basic authentication, step by step")
    @RequestBody(required = false, description = "who to log in as; the demo user of dev and test when empty", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Login.class), examples = @ExampleObject(name = "demo", value = "{\"username\": \"demo\", \"password\": \"demo-password\"}")))
    public Uni<AuthFlowReport> basic(String body, @Context HttpServerRequest http) {
        Login login = logins.read(body, http);
        AuthFlow flow = new AuthFlow();
        long start = System.nanoTime();
        return flow.step("WhoAmI without credentials", "(none)", Status.Code.UNAUTHENTICATED,
                () -> auth.whoAmI(gateway.metadata()), AuthScenarioResource::describe)
                .chain(() -> flow.step("WhoAmI with a wrong password", basicShown(login.username()),
                        Status.Code.UNAUTHENTICATED, () -> auth.whoAmI(withBasic(login.username(), WRONG_PASSWORD)),
                        AuthScenarioResource::describe))
                .chain(() -> flow.step("WhoAmI with Basic credentials (sent with every call)",
                        basicShown(login.username()),
                        Status.Code.OK, () -> auth.whoAmI(withBasic(login.username(), login.password())),
                        AuthScenarioResource::describe))
                .chain(() -> flow.step("AdminReport without role admin", basicShown(login.username()),
                        Status.Code.PERMISSION_DENIED,
                        () -> auth.adminReport(withBasic(login.username(), login.password())),
                        reply -> reply.getMessage()))
                .map(ignored -> report("auth-basic", login, flow, start));
    }

    @POST
    @Path("session")
    @Extension(name = ScenarioCatalog.TEACHES, value = "A session is a login once, then an id on each call that expires and can be revoked.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a signed token instead\", \"scenario\": \"auth/token\", \"query\": \"\"}, {\"label\": \"the TLS these credentials travel in\", \"scenario\": \"tls\", \"query\": \"\"}]", parseValue = true)
    @Operation(summary = "Session authentication, step by step")
    @RequestBody(required = false, description = "who to log in as; the demo user of dev and test when empty", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Login.class), examples = @ExampleObject(name = "demo", value = "{\"username\": \"demo\", \"password\": \"demo-password\"}")))
    public Uni<AuthFlowReport> session(String body, @Context HttpServerRequest http) {
        Login login = logins.read(body, http);
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
                        () -> auth.whoAmI(withSession(ids[0])), AuthScenarioResource::describe))
                .chain(() -> flow.step("log out: the server forgets the session", sessionShown(ids[0]), Status.Code.OK,
                        () -> auth.logout(withSession(ids[0])), reply -> "revoked: " + reply.getRevoked()))
                .chain(() -> flow.step("WhoAmI with the ended session id", sessionShown(ids[0]),
                        Status.Code.UNAUTHENTICATED, () -> auth.whoAmI(withSession(ids[0])),
                        AuthScenarioResource::describe))
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
    @Extension(name = ScenarioCatalog.TEACHES, value = "A signed token is checked without a store, until it expires or its id is revoked.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a session, revoked in a store\", \"scenario\": \"auth/session\", \"query\": \"\"}, {\"label\": \"credentials on every call\", \"scenario\": \"auth/basic\", \"query\": \"\"}]", parseValue = true)
    @Operation(summary = "Token (JWT) authentication, step by step")
    @RequestBody(required = false, description = "who to log in as; the demo user of dev and test when empty", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Login.class), examples = @ExampleObject(name = "demo", value = "{\"username\": \"demo\", \"password\": \"demo-password\"}")))
    public Uni<AuthFlowReport> token(String body, @Context HttpServerRequest http) {
        Login login = logins.read(body, http);
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
                        Status.Code.OK, () -> auth.whoAmI(withBearer(token[0])), AuthScenarioResource::describe))
                .chain(() -> flow.step("WhoAmI with a tampered token (groups changed to admin, signature kept)",
                        "Bearer (tampered)", Status.Code.UNAUTHENTICATED,
                        () -> auth.whoAmI(withBearer(forged.tampered(token[0]))),
                        AuthScenarioResource::describe))
                .chain(() -> flow.step("WhoAmI with an unsigned token (alg: none)", "Bearer (alg none)",
                        Status.Code.UNAUTHENTICATED, () -> auth.whoAmI(withBearer(forged.unsigned(token[0]))),
                        AuthScenarioResource::describe))
                .chain(() -> flow.step("WhoAmI with a token that expired a minute ago (signed with the server's key)",
                        "Bearer (expired)", Status.Code.UNAUTHENTICATED,
                        () -> auth.whoAmI(withBearer(forged.expired(login.username()))),
                        AuthScenarioResource::describe))
                .chain(() -> flow.step("log out: the server refuses this token until it expires", bearerShown(token[0]),
                        Status.Code.OK, () -> auth.logout(withBearer(token[0])),
                        reply -> "revoked: " + reply.getRevoked()))
                .chain(() -> flow.step("WhoAmI with the revoked token", bearerShown(token[0]),
                        Status.Code.UNAUTHENTICATED,
                        () -> auth.whoAmI(withBearer(token[0])), AuthScenarioResource::describe))
                .map(ignored -> report("auth-token", login, flow, start));
    }

    private AuthFlowReport report(String scenario, Login login, AuthFlow flow, long start) {
        boolean usersConfigured = !passwords.noUsers();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("username", login.username());
        String note = usersConfigured ? null
                : "no user is configured on this server: the logins cannot succeed. Add one with "
                        + "lab.auth.users.<name>.password-hash (bcrypt) and lab.auth.users.<name>.roles "
                        + "(see src/docs/operations.md)";
        return new AuthFlowReport(scenario, parameters, usersConfigured, note, flow.steps(), flow.outcome(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), lab.summary());
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
