package io.grpclab.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Graceful shutdown for the gRPC server. Quarkus drains HTTP requests ({@code quarkus.shutdown.timeout}) but stops
 * the gRPC server abruptly; here new calls are refused with UNAVAILABLE (which clients may retry on another
 * instance) from the moment {@link ShutdownPhase} says so, and at the shutdown event the calls in flight get up to
 * {@code lab.shutdown.grpc-grace} to finish.
 */
@ApplicationScoped
@GlobalInterceptor
public class GrpcDrain implements ServerInterceptor {

    private static final Logger LOG = Logger.getLogger(GrpcDrain.class);

    private final Duration grace;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final ShutdownPhase phase;
    private int inFlight;

    GrpcDrain(@ConfigProperty(name = "lab.shutdown.grpc-grace", defaultValue = "20s") Duration grace, ShutdownPhase phase) {
        this.grace = grace;
        this.phase = phase;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (phase.refusingNewWork()) {
            call.close(Status.UNAVAILABLE.withDescription("the server is shutting down; try another instance"),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        started();
        AtomicBoolean ended = new AtomicBoolean();
        ServerCall<Q, R> tracked = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try {
                    super.close(status, trailers);
                } finally {
                    ended(ended);
                }
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(tracked, headers)) {
            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    ended(ended);
                }
            }
        };
    }

    /** Calls in flight right now. */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    void drain(@Observes @Priority(1) ShutdownEvent shutdown) {
        long deadline = System.nanoTime() + grace.toNanos();
        lock.lock();
        try {
            if (inFlight > 0) {
                LOG.infof("Shutting down: waiting up to %s for %d gRPC call(s) in flight", grace, inFlight);
            }
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("Shutting down with %d gRPC call(s) still in flight after %s", inFlight, grace);
                    return;
                }
                idle.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void started() {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    /** Once per call, whether it was closed, cancelled, or both. */
    private void ended(AtomicBoolean ended) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        lock.lock();
        try {
            if (inFlight > 0) {
                inFlight--;
            }
            if (inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
