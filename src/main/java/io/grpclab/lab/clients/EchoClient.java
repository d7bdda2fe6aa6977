package io.grpclab.lab.clients;

import java.util.function.Function;

import jakarta.inject.Singleton;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoResponse;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.UnaryCalls;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** The gateway's client of EchoService, over the lab channel. */
@Singleton
public class EchoClient {

    private final Channel channel;

    EchoClient(@GrpcClient(GatewayChannel.NAME) Channel channel) {
        this.channel = channel;
    }

    public Uni<CallResult<EchoResponse>> echo(String message, Deadline deadline, Metadata headers) {
        return echo(channel, message, CallOptions.DEFAULT.withDeadline(deadline), headers);
    }

    /** Over the lab channel, answered in the same step (see {@link UnaryCalls}). */
    public <T> Uni<T> echo(String message, Deadline deadline, Metadata headers,
            Function<CallResult<EchoResponse>, T> answer) {
        return UnaryCalls.call(channel, EchoServiceGrpc.getEchoMethod(), CallOptions.DEFAULT.withDeadline(deadline),
                headers, EchoRequest.newBuilder().setEchoMessage(message).build(), answer);
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
