package io.grpclab.support;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.grpc.ManagedChannel;

/** A test that talks to the app's gRPC server over TLS, on a channel of its own per test. */
public abstract class TlsChannelTestBase {

    protected ManagedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = TestGrpc.tls();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
