package io.grpclab.lab.explorer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.ServiceDescriptors;
import io.grpclab.ops.ClientCallMetrics;
import io.grpclab.retry.ServiceConfigs;
import io.grpclab.tls.ReloadingCertificates;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The servers the explorer calls: this app's own services ({@value ExplorerConfig#SELF}, from the descriptors the
 * server uses) and each configured target, whose services its reflection service lists. A target's list is kept a
 * minute, so that a learner's next call does not ask again, and a server that changed is seen soon.
 */
@Singleton
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSW",
        "com.github.benmanes.caffeine.cache.PSWMS" }) // Caffeine loads them by name (NativeImageReflectionTests)
class ExplorerTargets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Duration LISTING_KEPT = Duration.ofMinutes(1);

    /** The knobs Echo and SayHello honour (see FaultKnobs): the form offers them only where they do something. */
    private static final Map<String, Set<String>> KNOBS = Map.of(
            "ExampleService/SayHello", Set.of("failAttempts", "failCode"),
            "EchoService/Echo", Set.of("failAttempts", "failCode", "delayMs", "echoMetadata"));

    private final MethodCatalogue self;
    private final ExplorerChannels selfChannels;
    private final GatewayChannel lab;
    private final Map<String, RemoteTarget> remotes = new TreeMap<>(); // listed by name
    private final Cache<String, MethodCatalogue> listings = Caffeine.newBuilder().expireAfterWrite(LISTING_KEPT)
            .maximumSize(64).build();

    ExplorerTargets(@Any Instance<BindableService> beans, ExplorerConfig config, ExplorerChannels selfChannels,
            GatewayChannel lab, ServiceConfigs configs, ReloadingCertificates certificates, ClientCallMetrics metrics) {
        this.self = new MethodCatalogue(ServiceDescriptors.of(beans), name -> KNOBS.getOrDefault(name, Set.of()));
        this.selfChannels = selfChannels;
        this.lab = lab;
        config.targets().forEach((name, target) -> {
            if (!NAME.matcher(name).matches() || name.equals(ExplorerConfig.SELF)) {
                throw new IllegalArgumentException("lab.explorer.targets." + name + ": a target's name is 1 to 32 of "
                        + "a-z 0-9 -, and not " + ExplorerConfig.SELF);
            }
            remotes.put(name, new RemoteTarget(target, configs, certificates, metrics));
        });
    }

    List<String> names() {
        List<String> names = new ArrayList<>(List.of(ExplorerConfig.SELF));
        names.addAll(remotes.keySet());
        return names;
    }

    boolean exists(String target) {
        return target.equals(ExplorerConfig.SELF) || remotes.containsKey(target);
    }

    boolean isSelf(String target) {
        return target.equals(ExplorerConfig.SELF);
    }

    /**
     * The target's methods.
     *
     * @throws io.grpc.StatusRuntimeException when a configured server's reflection cannot say them
     */
    MethodCatalogue catalogue(String target) {
        if (isSelf(target)) {
            return self;
        }
        RemoteTarget remote = remotes.get(target);
        return listings.get(target, name -> new MethodCatalogue(
                ReflectedServices.of(remote.channel(ExplorerChannels.Policy.NONE)), method -> Set.of()));
    }

    Channel channel(String target, ExplorerChannels.Policy policy) {
        return isSelf(target) ? selfChannels.channel(policy) : remotes.get(target).channel(policy);
    }

    Map<String, Object> inForce(String target, ExplorerChannels.Policy policy, String service, String method) {
        return isSelf(target) ? selfChannels.inForce(policy, service, method) : remotes.get(target).inForce(policy);
    }

    /** Whether credentials would cross the network readable on the way to this target. */
    boolean plainText(String target) {
        return isSelf(target) ? !lab.summary().tls() : remotes.get(target).plainText();
    }

    @PreDestroy
    void close() {
        remotes.values().forEach(RemoteTarget::close);
    }
}
