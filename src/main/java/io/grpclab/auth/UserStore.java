package io.grpclab.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;

/**
 * The users of {@code lab.auth.users}, with bcrypt hashes checked at start-up (anything else stops the app,
 * naming the key). Verifying an unknown user costs a bcrypt round too, so timing does not tell which
 * user names exist.
 */
@Startup
@ApplicationScoped
public class UserStore {

    /** A user who passed the password check. */
    public record User(String name, List<String> roles) {
    }

    /** The hash an unknown user's password is checked against, to spend the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such user, same cost", 10);

    private final Map<String, AuthConfig.User> users;

    UserStore(AuthConfig config) {
        this.users = new TreeMap<>(config.users());
        users.forEach((name, user) -> {
            String hash = user.passwordHash();
            if (hash == null || !hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                throw new IllegalArgumentException("lab.auth.users." + name + ".password-hash must be a bcrypt hash "
                        + "($2a$, $2b$ or $2y$); plain or other hashes are refused");
            }
        });
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    /** The user, if the name exists and the password matches. Blocking: bcrypt takes tens of milliseconds. */
    public Optional<User> verify(String name, String password) {
        AuthConfig.User user = name == null ? null : users.get(name);
        boolean matches = BcryptUtil.matches(password == null ? "" : password,
                user == null ? DUMMY_HASH : user.passwordHash());
        return user != null && matches ? Optional.of(new User(name, List.copyOf(user.roles()))) : Optional.empty();
    }
}
