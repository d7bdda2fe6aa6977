package io.grpclab.balancing;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.stream.Collectors;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.Status;
import io.grpc.util.ForwardingLoadBalancerHelper;
import io.grpc.util.ForwardingSubchannel;

/**
 * round_robin, with a helper between it and the channel that records each subchannel's connectivity, the health its
 * backend reports ({@link HealthWatchChannel} on the health checks' Watch calls), and every pick.
 */
final class ObservedLoadBalancer extends LoadBalancer {

    private final ObservingHelper helper;
    private final LoadBalancer roundRobin;

    ObservedLoadBalancer(Helper channelHelper, LoadBalancerProvider roundRobin) {
        this.helper = new ObservingHelper(channelHelper);
        this.roundRobin = roundRobin.newLoadBalancer(helper);
    }

    @Override
    public Status acceptResolvedAddresses(ResolvedAddresses resolved) {
        ObservedRoundRobinProvider.Config config = (ObservedRoundRobinProvider.Config) resolved
                .getLoadBalancingPolicyConfig();
        if (helper.backends == null) {
            helper.backends = Backends.register(config.channel());
        }
        return roundRobin.acceptResolvedAddresses(
                resolved.toBuilder().setLoadBalancingPolicyConfig(config.roundRobinConfig()).build());
    }

    @Override
    public void handleNameResolutionError(Status error) {
        roundRobin.handleNameResolutionError(error);
    }

    @Override
    public void requestConnection() {
        roundRobin.requestConnection();
    }

    @Override
    public void shutdown() {
        roundRobin.shutdown();
    }

    private static final class ObservingHelper extends ForwardingLoadBalancerHelper {

        private final Helper channelHelper;
        /** Set in the synchronization context before round_robin creates a subchannel; read by pickers. */
        private volatile Map<Object, BackendState> backends;

        ObservingHelper(Helper channelHelper) {
            this.channelHelper = channelHelper;
        }

        @Override
        protected Helper delegate() {
            return channelHelper;
        }

        @Override
        public Subchannel createSubchannel(CreateSubchannelArgs args) {
            Subchannel subchannel = super.createSubchannel(args);
            return new ObservedSubchannel(subchannel, new BackendState(describe(args.getAddresses().get(0))),
                    backends);
        }

        @Override
        public void updateBalancingState(ConnectivityState state, SubchannelPicker picker) {
            super.updateBalancingState(state, backends == null ? picker : new CountingPicker(picker, backends));
        }
    }

    private static final class ObservedSubchannel extends ForwardingSubchannel {

        private final Subchannel subchannel;
        private final BackendState state;
        private final Map<Object, BackendState> backends;

        ObservedSubchannel(Subchannel subchannel, BackendState state, Map<Object, BackendState> backends) {
            this.subchannel = subchannel;
            this.state = state;
            this.backends = backends;
        }

        @Override
        protected Subchannel delegate() {
            return subchannel;
        }

        /** grpc-java's internal subchannel, which exists once this one started. */
        private Object internal;

        @Override
        public void start(SubchannelStateListener listener) {
            super.start(info -> {
                state.connectivity(info);
                listener.onSubchannelState(info);
            });
            internal = subchannel.getInternalSubchannel();
            backends.put(internal, state);
        }

        @Override
        public void shutdown() {
            if (internal != null) {
                backends.remove(internal);
            }
            super.shutdown();
        }

        /** The health checks call Watch on this channel. */
        @Override
        public Channel asChannel() {
            return new HealthWatchChannel(super.asChannel(), state);
        }
    }

    /**
     * Counts picks by grpc-java's internal subchannel: the subchannel a pick returns is round_robin's wrapper of ours,
     * and getInternalSubchannel() is the one identity every wrapper passes through (grpc-java uses it the same way to
     * find a pick's transport).
     */
    private static final class CountingPicker extends SubchannelPicker {

        private final SubchannelPicker picker;
        private final Map<Object, BackendState> backends;

        CountingPicker(SubchannelPicker picker, Map<Object, BackendState> backends) {
            this.picker = picker;
            this.backends = backends;
        }

        @Override
        public PickResult pickSubchannel(PickSubchannelArgs args) {
            PickResult result = picker.pickSubchannel(args);
            Subchannel picked = result.getSubchannel();
            if (picked != null) {
                BackendState state = backends.get(picked.getInternalSubchannel());
                if (state != null) {
                    state.picked();
                }
            }
            return result;
        }
    }

    /** host/ip:port, or ip:port when no name was resolved; several addresses joined with commas. */
    static String describe(EquivalentAddressGroup group) {
        return group.getAddresses().stream().map(ObservedLoadBalancer::describe).collect(Collectors.joining(","));
    }

    private static String describe(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return address.toString();
        }
        String ip = inet.getAddress().getHostAddress();
        String name = inet.getHostString();
        return (name.equals(ip) ? "" : name + "/") + ip + ":" + inet.getPort();
    }
}
