package io.grpclab.hello;

import java.util.Optional;

import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.grpclab.faults.Faults;
import io.grpclab.grpc.ServerCallMetadata;
import io.quarkus.grpc.GrpcService;

/** The seed's ExampleService: "Hello, {name}!", or a failure the call or the configuration asked for. */
@GrpcService
public class HelloGrpcService extends ExampleServiceGrpc.ExampleServiceImplBase {

    private final Faults faults;

    HelloGrpcService(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> responses) {
        Optional<Faults.Fault> fault;
        try {
            Metadata headers = ServerCallMetadata.requestHeaders();
            fault = faults.seedWindow(headers).or(() -> faults.fromKnobs(headers));
        } catch (StatusRuntimeException invalid) {
            responses.onError(invalid);
            return;
        }
        if (fault.isPresent()) {
            ServerCallMetadata.trailers().merge(fault.get().trailers());
            responses.onError(fault.get().status().asRuntimeException());
            return;
        }
        responses.onNext(HelloReply.newBuilder().setReplyMessage("Hello, " + request.getName() + "!").build());
        responses.onCompleted();
    }
}
