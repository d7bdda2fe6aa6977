package io.grpclab.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Graceful shutdown for the gRPC server. Quarkus drains HTTP requests ({@code quarkus.shutdown.timeout}) but stops
 * the gRPC server abruptly; here the server's gRPC health turns NOT_SERVING as soon as the shutdown starts (clients
 * that check health, as the gateway does, stop picking it while it still serves), new calls are refused with
 * UNAVAILABLE (which clients may retry on another instance) from the moment {@link ShutdownPhase} says so, and at the
 * shutdown event the calls in flight get up to {@code lab.shutdown.grpc-grace} to finish. Health calls are neither
 * refused nor waited for: a Watch stream lasts as long as its client's connection, and says NOT_SERVING meanwhile.
 */
@Singleton
@GlobalInterceptor
class GrpcDrain implements ServerInterceptor {

    private static final Logger LOG = Logger.getLogger(GrpcDrain.class);
    private static final String HEALTH_SERVICE = HealthGrpc.SERVICE_NAME;

    private final Duration grace;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final ShutdownPhase phase;
    /** Counted without a lock: every call passes here. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    GrpcDrain(ShutdownConfig config, ShutdownPhase phase) {
        this.grace = config.grpcGrace();
        this.phase = phase;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (HEALTH_SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        if (phase.refusingNewWork()) {
            call.close(Status.UNAVAILABLE.withDescription("the server is shutting down; try another instance"),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        inFlight.incrementAndGet();
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

    void notServing(@Observes ShutdownDelayInitiatedEvent delay, Instance<GrpcHealthStorage> health) {
        notServing(health);
    }

    void notServing(@Observes @Priority(0) ShutdownEvent shutdown, Instance<GrpcHealthStorage> health) {
        notServing(health);
    }

    private static void notServing(Instance<GrpcHealthStorage> health) {
        if (health.isResolvable()) {
            health.get().setStatus(GrpcHealthStorage.DEFAULT_SERVICE_NAME, ServingStatus.NOT_SERVING);
        }
    }

    /** Calls in flight right now. */
    public int inFlight() {
        return inFlight.get();
    }

    void drain(@Observes @Priority(1) ShutdownEvent shutdown) {
        long deadline = System.nanoTime() + grace.toNanos();
        lock.lock();
        try {
            draining = true;
            if (inFlight.get() > 0) {
                LOG.infof("Shutting down: waiting up to %s for %d gRPC call(s) in flight", grace, inFlight.get());
            }
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("Shutting down with %d gRPC call(s) still in flight after %s", inFlight.get(), grace);
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

    /** Once per call, whether it was closed, cancelled, or both; the lock only once the app drains. */
    private void ended(AtomicBoolean ended) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (inFlight.decrementAndGet() <= 0 && draining) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
