package io.grpclab.lab.clients;

import java.util.function.Function;

import jakarta.inject.Singleton;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.UnaryCalls;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloReply;
import io.grpclab.hello.HelloRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** The gateway's client of ExampleService, over the lab channel (which retries by the configured policy). */
@Singleton
public class HelloClient {

    private final Channel channel;

    HelloClient(@GrpcClient(GatewayChannel.NAME) Channel channel) {
        this.channel = channel;
    }

    public Uni<CallResult<HelloReply>> sayHello(String name, Deadline deadline, Metadata headers) {
        return sayHello(channel, name, CallOptions.DEFAULT.withDeadline(deadline), headers);
    }

    /** Over the lab channel, answered in the same step (see {@link UnaryCalls}). */
    public <T> Uni<T> sayHello(String name, Deadline deadline, Metadata headers,
            Function<CallResult<HelloReply>, T> answer) {
        return UnaryCalls.call(channel, ExampleServiceGrpc.getSayHelloMethod(),
                CallOptions.DEFAULT.withDeadline(deadline), headers,
                HelloRequest.newBuilder().setName(name).build(), answer);
    }

    /** Over another channel, with call options of the caller's (a deadline, an attempt tracer, ...). */
    public Uni<CallResult<HelloReply>> sayHello(Channel via, String name, CallOptions options, Metadata headers) {
        HelloRequest request = HelloRequest.newBuilder().setName(name).build();
        return UnaryCalls.call(via, ExampleServiceGrpc.getSayHelloMethod(), options, headers, request);
    }

    public Channel channel() {
        return channel;
    }
}
