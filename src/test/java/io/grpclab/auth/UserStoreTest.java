package io.grpclab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpclab.support.ConfigMappings;
import io.quarkus.elytron.security.common.BcryptUtil;

class UserStoreTest {

    @Test
    void aPasswordThatIsNotABcryptHashStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new UserStore(withUser("ana", "plain-password")))
                .hasMessageStartingWith("lab.auth.users.ana.password-hash must be a bcrypt hash");
    }

    @Test
    void aBcryptCostBelowTenStopsStartUpNamingTheKey() {
        String cost9 = BcryptUtil.bcryptHash("pw", 9);
        assertThatThrownBy(() -> new UserStore(withUser("ana", cost9)))
                .hasMessageStartingWith("lab.auth.users.ana.password-hash has bcrypt cost 9; "
                        + "between 10 and 14 is required");
    }

    @Test
    void anUnknownUserIsCheckedAtTheHighestCostConfigured() {
        UserStore store = new UserStore(withUser("ana", BcryptUtil.bcryptHash("pw", 11)));

        assertThat(store.dummyHashCost()).isEqualTo(11);
    }

    @Test
    void checksPasswordsAgainstTheirHash() {
        UserStore store = new UserStore(withUser("demo",
                "$2a$10$Pt.gyugT7nWzu9lNXanq2.VNw6FzwLBwsLrcBQIeyHyoM8mW3GkpG"));

        assertThat(store.verify("demo", "demo-password"))
                .hasValueSatisfying(u -> assertThat(u.roles()).containsExactly("user"));
        assertThat(store.verify("demo", "wrong")).isEmpty();
        assertThat(store.verify("nobody", "demo-password")).isEmpty();
    }

    /** Made by Debian's python3-bcrypt: {@code bcrypt.hashpw(b'owner-password', bcrypt.gensalt(10))}. */
    static final String PYTHON_2B_HASH = "$2b$10$6ycpAra5Nb6RmT7YBvfO/.3TbXpIcRwhJxupuJv.0J0JKXmR1tC5W";

    @Test
    void aTwoBHashAsPythonAndNodeMakeThemChecksItsPassword() {
        UserStore store = new UserStore(withUser("owner", PYTHON_2B_HASH));

        assertThat(store.verify("owner", "owner-password")).isPresent();
        assertThat(store.verify("owner", "wrong")).as("refused, not an error").isEmpty();
    }

    @Test
    void aTwoYHashAsHtpasswdMakesThemChecksItsPassword() {
        UserStore store = new UserStore(withUser("owner", "$2y$" + PYTHON_2B_HASH.substring(4)));

        assertThat(store.verify("owner", "owner-password")).isPresent();
        assertThat(store.verify("owner", "wrong")).isEmpty();
    }

    static AuthConfig withUser(String name, String hash) {
        return ConfigMappings.of(AuthConfig.class, Map.of("lab.auth.users." + name + ".password-hash", hash,
                "lab.auth.users." + name + ".roles", "user"));
    }
}
