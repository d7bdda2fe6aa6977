package io.grpclab.echo;

import java.time.Duration;
import java.util.Optional;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.grpclab.faults.Faults;
import io.grpclab.grpc.Deadlines;
import io.grpclab.grpc.FieldViolations;
import io.grpclab.grpc.MalformedRequests;
import io.grpclab.grpc.MetadataValues;
import io.grpclab.grpc.RequestIds;
import io.grpclab.grpc.RetryKeys;
import io.grpclab.grpc.ServerCallMetadata;
import io.quarkus.grpc.GrpcService;
import io.vertx.core.Vertx;

/**
 * The seed's EchoService: waits, then echoes, with the trailer {@code custom-header: value}. The wait is a
 * timer, not a sleeping thread, and it is dropped the moment the call is cancelled or its deadline
 * passes, so a caller that left holds nothing. On request it also returns the metadata it received
 * ({@link ReceivedMetadata}), and it fails on purpose when the call's fault knobs say so.
 */
@GrpcService
public class EchoGrpcService extends EchoServiceGrpc.EchoServiceImplBase {

    /** A request that is not this service's message is INVALID_ARGUMENT, quietly ({@link MalformedRequests}). */
    @Override
    public ServerServiceDefinition bindService() {
        return MalformedRequests.guard(super.bindService());
    }

    /** The trailer the seed's metadata example sends. */
    public static final Metadata.Key<String> CUSTOM_HEADER = MetadataValues.asciiKey("custom-header");
    /** Longer messages are INVALID_ARGUMENT with a google.rpc.BadRequest naming echo_message. */
    static final int MAX_MESSAGE_LENGTH = 4096;

    private final EchoDelay delays;
    private final EchoWaits waits;
    private final Faults faults;
    private final Vertx vertx;

    EchoGrpcService(EchoDelay delays, EchoWaits waits, Faults faults, Vertx vertx) {
        this.delays = delays;
        this.waits = waits;
        this.faults = faults;
        this.vertx = vertx;
    }

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responses) {
        Metadata headers = ServerCallMetadata.requestHeaders();
        Metadata trailers = ServerCallMetadata.trailers();
        trailers.put(CUSTOM_HEADER, "value");
        if (ReceivedMetadata.asked(headers)) {
            ReceivedMetadata.echoInto(headers, trailers);
        }
        Duration delay;
        int attempt;
        StatusRuntimeException tooLong = FieldViolations.checkLength("echo_message", request.getEchoMessage(), 0,
                MAX_MESSAGE_LENGTH);
        if (tooLong != null) {
            responses.onError(tooLong);
            return;
        }
        try {
            Optional<Faults.Fault> fault = faults.fromKnobs(headers);
            if (fault.isPresent()) {
                trailers.merge(fault.get().trailers());
                responses.onError(fault.get().status().asRuntimeException());
                return;
            }
            attempt = (int) MetadataValues.longInRange(headers, RetryKeys.PREVIOUS_ATTEMPTS, 0, 0, 1000) + 1;
            delay = delays.forCall(headers, attempt);
        } catch (StatusRuntimeException invalid) {
            responses.onError(invalid);
            return;
        }
        EchoResponse reply = EchoResponse.newBuilder().setEchoMessage(request.getEchoMessage()).build();
        if (delay.isZero()) {
            answer(responses, reply);
            return;
        }
        waitThenAnswer((ServerCallStreamObserver<EchoResponse>) responses, reply, attempt, delay);
    }

    private void waitThenAnswer(ServerCallStreamObserver<EchoResponse> responses, EchoResponse reply, int attempt,
            Duration delay) {
        Deadline deadline = Context.current().getDeadline();
        EchoWaits.Wait wait = waits.begin(RequestIds.ofCurrentCall(), attempt, delay);
        long timer = vertx.setTimer(delay.toMillis(), id -> {
            if (wait.end(EchoWaits.Ending.ANSWERED)) {
                answer(responses, reply);
            }
        });
        responses.setOnCancelHandler(() -> {
            boolean expired = Deadlines.cancelledAtDeadline(deadline);
            if (wait.end(expired ? EchoWaits.Ending.DEADLINE_EXCEEDED : EchoWaits.Ending.CANCELLED)) {
                vertx.cancelTimer(timer);
            }
        });
    }

    private static void answer(StreamObserver<EchoResponse> responses, EchoResponse reply) {
        responses.onNext(reply);
        responses.onCompleted();
    }
}
