package io.grpclab.lab.auth;

import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.auth.AuthConfig;
import io.grpclab.edge.CredentialTransport;
import io.grpclab.edge.InvalidParameterException;
import io.vertx.core.http.HttpServerRequest;

/** Who a {@code /demo/auth} flow logs in as. */
@Singleton
class FlowLogins {

    /** A user and password, bounded as the auth services bound them. */
    public record Login(@NotBlank @Size(min = 1, max = 64) String username, @Size(max = 128) String password) {
    }

    private static final String SHAPE = "{\"username\": \"...\", \"password\": \"...\"}";

    private final AuthConfig config;
    private final ObjectMapper json;
    private final CredentialTransport transport;
    private final Validator validator;

    FlowLogins(AuthConfig config, ObjectMapper json, CredentialTransport transport, Validator validator) {
        this.config = config;
        this.json = json;
        this.transport = transport;
        this.validator = validator;
    }

    /**
     * The body's user, whose password must not have come over plain HTTP, or the demo user. The body is read here
     * rather than as a JAX-RS entity so that {@code curl -X POST} with no body and no content type, and
     * {@code curl -d} (form content type), still run the flow; its bounds are the record's constraints all the same.
     */
    Login read(String body, HttpServerRequest http) {
        if (body == null || body.isBlank()) {
            return new Login(config.demoUsername().orElse("demo"), config.demoPassword().orElse(""));
        }
        Login login;
        try {
            login = json.readValue(body, Login.class);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("body", "must be JSON: " + SHAPE);
        }
        if (login == null) { // the JSON literal null
            throw new InvalidParameterException("body", "must be a JSON object: " + SHAPE);
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
}
