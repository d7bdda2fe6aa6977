package io.grpclab.hello;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.UnaryCalls;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** The gateway's client of ExampleService, over the lab channel. */
@ApplicationScoped
public class HelloClient {

    private final Channel channel;

    HelloClient(@GrpcClient("lab") Channel channel) {
        this.channel = channel;
    }

    public Uni<CallResult<HelloReply>> sayHello(String name, Deadline deadline, Metadata headers) {
        HelloRequest request = HelloRequest.newBuilder().setName(name).build();
        return UnaryCalls.call(channel, ExampleServiceGrpc.getSayHelloMethod(),
                CallOptions.DEFAULT.withDeadline(deadline), headers, request);
    }
}
