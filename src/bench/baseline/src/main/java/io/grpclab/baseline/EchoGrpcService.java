package io.grpclab.baseline;

import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoResponse;
import io.grpclab.echo.MutinyEchoServiceGrpc;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** EchoService as a quickstart writes it. */
@GrpcService
public class EchoGrpcService extends MutinyEchoServiceGrpc.EchoServiceImplBase {

    @Override
    public Uni<EchoResponse> echo(EchoRequest request) {
        return Uni.createFrom().item(EchoResponse.newBuilder().setEchoMessage(request.getEchoMessage()).build());
    }
}
