package io.grpclab.balancing;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;

/**
 * Name resolution for {@code static://host:port,host:port} targets ({@link StaticTargets}): a fixed list of backends,
 * each host looked up again whenever the channel asks (after a connection fails). grpc-java resolves only
 * {@code dns:} (one host name) out of the box, and Stork's static list brings its own balancer, without
 * health checks; this keeps grpc-java's round_robin, health checks and retries for a list of addresses.
 * Registered by {@link Balancing}.
 */
final class StaticNameResolverProvider extends NameResolverProvider {

    public static final String SCHEME = "static";

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        if (!SCHEME.equals(target.getScheme())) {
            return null;
        }
        return new StaticNameResolver(StaticTargets.parse(target.getRawAuthority()), args);
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    /** Below dns's 5: the highest priority names the scheme for targets without one, which must stay dns. */
    @Override
    protected int priority() {
        return 4;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }
}
