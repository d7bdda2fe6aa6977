package io.grpclab.testing;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.grpclab.grpc.MalformedRequests;
import io.grpclab.testing.v1.KitchenSink;
import io.grpclab.testing.v1.KitchenSinkServiceGrpc;
import io.quarkus.grpc.GrpcService;

/**
 * A test-only service with every scalar and well-known type, exposed by the transcoder from its rules alone
 * (src/test/resources/http-rules-test.yaml): no resource class is written for it. Echo answers what it got; a name of
 * "invalid" fails with INVALID_ARGUMENT and a google.rpc.BadRequest detail.
 */
@GrpcService
public class KitchenSinkGrpcService extends KitchenSinkServiceGrpc.KitchenSinkServiceImplBase {

    /** A request that is not this service's message is INVALID_ARGUMENT, quietly ({@link MalformedRequests}). */
    @Override
    public ServerServiceDefinition bindService() {
        return MalformedRequests.guard(super.bindService());
    }

    @Override
    public void echo(KitchenSink request, StreamObserver<KitchenSink> responses) {
        if (request.getName().equals("invalid")) {
            responses.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage("name may not be 'invalid'")
                    .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation
                            .newBuilder().setField("name").setDescription("may not be 'invalid'")).build()))
                    .build()));
            return;
        }
        responses.onNext(request);
        responses.onCompleted();
    }

    @Override
    public void watch(KitchenSink request, StreamObserver<KitchenSink> responses) {
        responses.onNext(request);
        responses.onCompleted();
    }
}
