package io.grpclab.ops;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.runtime.StartupEvent;

/**
 * Stops the app when its gRPC server did not start. In prod mode Quarkus only logs why the separate gRPC server
 * failed (port taken, no certificate for TLS, ...) and keeps serving HTTP, which would leave a gateway in front of
 * nothing. The server is started before {@link StartupEvent}, and only a started server is marked SERVING.
 * GrpcHealthStorage is quarkus-grpc's runtime class, not its API: no public event or bean says whether the separate
 * server started, and its health status is set by the code that starts it.
 */
@Singleton
class GrpcServerStartCheck {

    void verify(@Observes StartupEvent event, Instance<GrpcHealthStorage> health) {
        if (health.isResolvable()
                && health.get().getStatuses().get(GrpcHealthStorage.DEFAULT_SERVICE_NAME) != ServingStatus.SERVING) {
            throw new IllegalStateException("The gRPC server did not start (the error above says why); "
                    + "stopping instead of serving the gateway without it");
        }
    }
}
