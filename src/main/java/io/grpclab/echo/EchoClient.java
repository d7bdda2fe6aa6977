package io.grpclab.echo;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.LabChannel;
import io.grpclab.grpc.UnaryCalls;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** The gateway's client of EchoService, over the lab channel. */
@ApplicationScoped
public class EchoClient {

    private final Channel channel;

    EchoClient(@GrpcClient(LabChannel.NAME) Channel channel) {
        this.channel = channel;
    }

    public Uni<CallResult<EchoResponse>> echo(String message, Deadline deadline, Metadata headers) {
        return echo(channel, message, CallOptions.DEFAULT.withDeadline(deadline), headers);
    }

    /** The lab channel. */
    public Channel channel() {
        return channel;
    }

    /** Over another channel, with call options of the caller's (a deadline, an attempt tracer, ...). */
    public Uni<CallResult<EchoResponse>> echo(Channel via, String message, CallOptions options, Metadata headers) {
        EchoRequest request = EchoRequest.newBuilder().setEchoMessage(message).build();
        return UnaryCalls.call(via, EchoServiceGrpc.getEchoMethod(), options, headers, request);
    }
}
