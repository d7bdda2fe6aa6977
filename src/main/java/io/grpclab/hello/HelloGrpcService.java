package io.grpclab.hello;

import java.util.Optional;

import io.grpc.Metadata;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.grpclab.faults.Faults;
import io.grpclab.grpc.FieldViolations;
import io.grpclab.grpc.MalformedRequests;
import io.grpclab.grpc.ServerCallMetadata;
import io.quarkus.grpc.GrpcService;

/**
 * The seed's ExampleService: "Hello, {name}!", or a failure the call or the configuration asked for. A blank or
 * overlong name is INVALID_ARGUMENT with a google.rpc.BadRequest naming the field (the seed's server greeted anything).
 */
@GrpcService
public class HelloGrpcService extends ExampleServiceGrpc.ExampleServiceImplBase {

    /** A request that is not this service's message is INVALID_ARGUMENT, quietly ({@link MalformedRequests}). */
    @Override
    public ServerServiceDefinition bindService() {
        return MalformedRequests.guard(super.bindService());
    }

    /** A name is a name: not blank, and short enough to greet. */
    static final int MAX_NAME_LENGTH = 256;

    private final Faults faults;

    HelloGrpcService(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> responses) {
        StatusRuntimeException badName = FieldViolations.checkLength("name", request.getName(), 1, MAX_NAME_LENGTH);
        if (badName != null) {
            responses.onError(badName);
            return;
        }
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
