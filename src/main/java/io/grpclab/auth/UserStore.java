package io.grpclab.auth;

import java.security.spec.InvalidKeySpecException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.wildfly.security.password.util.ModularCrypt;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;

/**
 * The users of {@code lab.auth.users}, with bcrypt hashes of cost 10 or more checked at start-up (anything else
 * stops the app, naming the key). Verifying an unknown user costs a bcrypt round too, so timing does not tell which
 * user names exist.
 * <p>
 * {@code $2b$} (the default of Python's and Node's bcrypt) and {@code $2y$} (htpasswd, PHP) are {@code $2a$}'s format:
 * the prefixes only tell which bugs of OpenBSD's and crypt_blowfish's C code the hash was made without, and a Java
 * implementation has neither. Elytron decodes only {@code $2a$}, so every hash is read as one; a {@code $2b$} hash
 * used to fail every login with a 500, while an unknown user got 401, which told the names apart.
 */
@Startup
@ApplicationScoped
class UserStore {

    private static final Logger LOG = Logger.getLogger(UserStore.class);

    /** A user who passed the password check. */
    public record User(String name, List<String> roles) {
    }

    /** The lowest bcrypt cost accepted: 2^10 rounds, tens of milliseconds per guess. */
    static final int MIN_COST = 10;
    /** The highest: 2^14 rounds, near a second per login (and per guess at an unknown user). */
    static final int MAX_COST = 14;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private final Map<String, AuthConfig.User> users;
    /** Each user's hash with the {@code $2a$} prefix Elytron decodes. */
    private final Map<String, String> hashes = new TreeMap<>();
    /**
     * What an unknown user's password is checked against, at the highest cost configured: as long as a real user's
     * check when all users share one cost (start-up warns when they do not). Made at the first check, not at start-up,
     * which it would slow down by a bcrypt round.
     */
    private final int dummyCost;
    private volatile String dummyHash;

    UserStore(AuthConfig config) {
        this.users = new TreeMap<>(config.users());
        int highestCost = MIN_COST;
        Set<Integer> costs = new TreeSet<>();
        for (Map.Entry<String, AuthConfig.User> user : users.entrySet()) {
            String key = "lab.auth.users." + user.getKey() + ".password-hash";
            String hash = user.getValue().passwordHash();
            Matcher bcrypt = hash == null ? null : BCRYPT.matcher(hash);
            if (bcrypt == null || !bcrypt.matches()) {
                throw new IllegalArgumentException(key + " must be a bcrypt hash ($2a$, $2b$ or $2y$); plain or other "
                        + "hashes are refused");
            }
            int cost = Integer.parseInt(bcrypt.group(1));
            if (cost < MIN_COST || cost > MAX_COST) {
                throw new IllegalArgumentException(key + " has bcrypt cost " + cost + "; between " + MIN_COST + " and "
                        + MAX_COST + " is required (hash it again)");
            }
            String readable = "$2a$" + hash.substring(4);
            try {
                ModularCrypt.decode(readable);
            } catch (InvalidKeySpecException e) {
                throw new IllegalArgumentException(key + " is not a bcrypt hash that can be read: " + e.getMessage());
            }
            hashes.put(user.getKey(), readable);
            highestCost = Math.max(highestCost, cost);
            costs.add(cost);
        }
        if (costs.size() > 1) {
            LOG.warnf("Users' bcrypt hashes have different costs %s: the time a login takes tells which of them a name "
                    + "belongs to; hash them all with one cost", costs);
        }
        this.dummyCost = highestCost;
    }

    /** The cost of the hash unknown users are checked against. */
    int dummyHashCost() {
        return Integer.parseInt(dummyHash().substring(4, 6));
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = BcryptUtil.bcryptHash("no such user, same cost", dummyCost);
            dummyHash = hash; // two first callers may both compute it: the same cost, either one serves
        }
        return hash;
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    /** The user, if the name exists and the password matches. Blocking: bcrypt takes tens of milliseconds. */
    public Optional<User> verify(String name, String password) {
        AuthConfig.User user = name == null ? null : users.get(name);
        boolean matches = BcryptUtil.matches(password == null ? "" : password,
                user == null ? dummyHash() : hashes.get(name));
        return user != null && matches ? Optional.of(new User(name, List.copyOf(user.roles()))) : Optional.empty();
    }
}
