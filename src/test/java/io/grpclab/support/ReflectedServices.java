package io.grpclab.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;

/** The services a server lists through gRPC reflection, as grpcurl's {@code list} asks for them. */
public final class ReflectedServices {

    private ReflectedServices() {
    }

    /** The names listed, or the call's failure (UNIMPLEMENTED where reflection is off); 5 s deadline. */
    public static CompletableFuture<List<String>> of(Channel channel) {
        CompletableFuture<List<String>> services = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        List<String> names = new ArrayList<>();
                        for (ServiceResponse service : response.getListServicesResponse().getServiceList()) {
                            names.add(service.getName());
                        }
                        services.complete(names);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        services.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        services.complete(List.of());
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return services;
    }
}
