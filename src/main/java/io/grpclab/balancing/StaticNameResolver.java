package io.grpclab.balancing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpclab.balancing.StaticTargets.HostAndPort;

/**
 * Resolves each backend's host off the channel's synchronization context (a lookup blocks) and reports one address
 * group per backend. A host that does not resolve is left out with a warning; none resolving is an error the channel
 * retries with backoff.
 */
final class StaticNameResolver extends NameResolver {

    private static final Logger LOG = Logger.getLogger(StaticNameResolver.class);

    private final List<HostAndPort> backends;
    private final Args args;
    private Listener2 listener;
    /** Both only touched in the synchronization context. */
    private boolean resolving;
    private boolean shutdown;

    StaticNameResolver(List<HostAndPort> backends, Args args) {
        this.backends = backends;
        this.args = args;
    }

    /** The first backend names the service: its certificate, and every other backend's, must be valid for it. */
    @Override
    public String getServiceAuthority() {
        return backends.get(0).toString();
    }

    @Override
    public void start(Listener2 listener) {
        this.listener = listener;
        resolve();
    }

    @Override
    public void refresh() {
        resolve();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    private void resolve() {
        if (resolving || shutdown) {
            return;
        }
        resolving = true;
        args.getOffloadExecutor().execute(() -> {
            StatusOr<List<EquivalentAddressGroup>> groups = lookUp();
            args.getSynchronizationContext().execute(() -> {
                resolving = false;
                if (!shutdown) {
                    listener.onResult2(ResolutionResult.newBuilder().setAddressesOrError(groups).build());
                }
            });
        });
    }

    private StatusOr<List<EquivalentAddressGroup>> lookUp() {
        List<EquivalentAddressGroup> groups = new ArrayList<>(backends.size());
        List<String> unresolved = new ArrayList<>();
        for (HostAndPort backend : backends) {
            try {
                List<SocketAddress> addresses = new ArrayList<>();
                for (InetAddress address : InetAddress.getAllByName(backend.host())) {
                    addresses.add(new InetSocketAddress(address, backend.port()));
                }
                groups.add(new EquivalentAddressGroup(addresses));
            } catch (UnknownHostException e) {
                unresolved.add(backend.toString());
            }
        }
        if (!unresolved.isEmpty()) {
            LOG.warnf("Backends left out, their host names do not resolve: %s", unresolved);
        }
        return groups.isEmpty()
                ? StatusOr.fromStatus(Status.UNAVAILABLE.withDescription("no backend's host resolves: " + unresolved))
                : StatusOr.fromValue(groups);
    }
}
