package io.grpclab.edge;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.grpclab.grpc.ForwardedFor;
import io.quarkus.runtime.Startup;

/**
 * The HTTP peers whose X-Forwarded-For is believed: Quarkus's own {@code quarkus.http.proxy.*} settings, read once at
 * start so that an entry this gateway cannot use (a host name) stops the app naming the key, rather than fail every
 * request.
 */
@Startup
@Singleton
public class TrustedHttpProxies implements Predicate<String> {

    private final Predicate<String> trusted;

    TrustedHttpProxies(@ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding") boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> entries) {
        Predicate<String> none = address -> false;
        Predicate<String> all = address -> true; // Quarkus trusts every proxy when none is listed
        this.trusted = !forwarding ? none
                : entries.map(list -> ForwardedFor.trusting("quarkus.http.proxy.trusted-proxies", list)).orElse(all);
    }

    @Override
    public boolean test(String address) {
        return trusted.test(address);
    }
}
