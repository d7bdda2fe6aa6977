package io.grpclab.auth;

import jakarta.annotation.security.RolesAllowed;

import io.grpc.ServerServiceDefinition;
import io.grpclab.auth.v1.AdminReportReply;
import io.grpclab.auth.v1.AdminReportRequest;
import io.grpclab.auth.v1.Identity;
import io.grpclab.auth.v1.MutinyIdentityServiceGrpc;
import io.grpclab.auth.v1.WhoAmIRequest;
import io.grpclab.grpc.MalformedRequests;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Protected methods, guarded by Quarkus Security annotations rather than checks in the code. The identity is
 * read as a Uni: resolving it may mean a bcrypt check, which must not run on the event loop.
 */
@GrpcService
public class IdentityGrpcService extends MutinyIdentityServiceGrpc.IdentityServiceImplBase {

    /** A request that is not this service's message is INVALID_ARGUMENT, quietly ({@link MalformedRequests}). */
    @Override
    public ServerServiceDefinition bindService() {
        return MalformedRequests.guard(super.bindService());
    }

    private final CurrentIdentityAssociation identities;

    IdentityGrpcService(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @Override
    @Authenticated
    public Uni<Identity> whoAmI(WhoAmIRequest request) {
        return identities.getDeferredIdentity().map(identity -> Identity.newBuilder()
                .setName(identity.getPrincipal().getName())
                .addAllRoles(identity.getRoles().stream().sorted().toList())
                .setMechanism(identity.<String> getAttribute(Mechanisms.ATTRIBUTE)).build());
    }

    @Override
    @RolesAllowed("admin")
    public Uni<AdminReportReply> adminReport(AdminReportRequest request) {
        return identities.getDeferredIdentity().map(identity -> AdminReportReply.newBuilder()
                .setMessage("hello, admin " + identity.getPrincipal().getName()).build());
    }
}
