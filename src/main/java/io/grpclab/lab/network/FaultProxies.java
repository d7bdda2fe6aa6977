package io.grpclab.lab.network;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.grpclab.lab.catalogue.ScenarioConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * The fault proxy's listeners: the shared one ({@code lab.network.proxy-port}) and one per network scenario run, on
 * one event loop thread of their own (lab traffic on loopback; the gateway's and the server's loops stay untouched).
 * Nothing opens where /demo is off, and everything is closed when the app stops.
 */
@Singleton
public class FaultProxies {

    private static final Logger LOG = Logger.getLogger(FaultProxies.class);

    private final NetworkConfig config;
    private final ScenarioConfig scenarios;
    private final Set<FaultProxy> runs = ConcurrentHashMap.newKeySet();
    private EventLoopGroup group;
    private volatile FaultProxy shared;

    FaultProxies(NetworkConfig config, ScenarioConfig scenarios) {
        this.config = config;
        this.scenarios = scenarios;
    }

    void openShared(@Observes StartupEvent started) throws InterruptedException {
        if (scenarios.enabled() && config.proxyPort().isPresent()) {
            shared = new FaultProxy("proxy-port", group(), config.proxyPort().get(), target(), limits(), () -> {
            });
            LOG.infof("Fault proxy on 127.0.0.1:%d, to the gRPC server %s; its faults: /demo/network", shared.port(),
                    shared.target());
        }
    }

    /** The shared listener, where lab.network.proxy-port is set and /demo is on. */
    public Optional<FaultProxy> shared() {
        return Optional.ofNullable(shared);
    }

    /**
     * A listener of a run's own, on a free port: close it when the run ends.
     *
     * @throws IllegalStateException when /demo is off
     * @throws NetworkRunsBusyException when lab.network.max-listeners are open
     */
    public FaultProxy open(String name) throws InterruptedException {
        if (!scenarios.enabled()) {
            throw new IllegalStateException("the fault proxy is off where /demo is off");
        }
        synchronized (runs) {
            if (runs.size() >= config.maxListeners()) {
                throw new NetworkRunsBusyException(config.maxListeners());
            }
            FaultProxy[] opened = new FaultProxy[1];
            opened[0] = new FaultProxy(name, group(), 0, target(), limits(), () -> runs.remove(opened[0]));
            runs.add(opened[0]);
            return opened[0];
        }
    }

    @PreDestroy
    void closeAll() {
        if (shared != null) {
            shared.close();
        }
        runs.forEach(FaultProxy::close);
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * This app's own gRPC server, at the port it really bound (Quarkus exposes it through config once bound, a test
     * port of 0 included). Not the gateway channel's target, which may be a list of replicas.
     */
    private static InetSocketAddress target() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.grpc.server.test-port"
                : "quarkus.grpc.server.port";
        return InetSocketAddress.createUnresolved("localhost",
                ConfigProvider.getConfig().getValue(key, Integer.class));
    }

    private FaultProxy.Limits limits() {
        return new FaultProxy.Limits(config.maxConnections(), config.maxFaults(), config.maxFaultDuration());
    }

    private synchronized EventLoopGroup group() {
        if (group == null) {
            group = new NioEventLoopGroup(1, new DefaultThreadFactory("lab-fault-proxy", true));
        }
        return group;
    }
}
