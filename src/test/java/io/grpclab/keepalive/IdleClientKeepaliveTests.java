package io.grpclab.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpclab.support.RawHttp2Connection;
import io.grpclab.support.TestGrpc;
import io.netty.handler.codec.http2.Http2Error;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The server's keepalive policy, held to account on the wire with a client that pings an idle connection.
 * The application permits a ping every 5 s to a client that pings every 10 s; this profile shrinks the
 * permit to 200 ms so a ping every 400 ms (the same ratio) takes a second to check, and a ping every
 * 20 ms shows the GOAWAY the check would catch.
 */
@QuarkusTest
@TestProfile(IdleClientKeepaliveTests.ShortPermit.class)
class IdleClientKeepaliveTests {

    public static class ShortPermit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.server.netty.permit-keep-alive-time", "200ms");
        }
    }

    static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void anIdleClientPingingNoFasterThanPermittedIsNeverSentGoaway() throws Exception {
        try (RawHttp2Connection client = RawHttp2Connection.open(TestGrpc.port(), TestGrpc.CERTS.resolve("ca.crt"))) {
            RawHttp2Connection.PingRun run = client.ping(6, Duration.ofMillis(400), PATIENCE);

            assertThat(run.goAwayErrorCode()).isNull();
            assertThat(run.goAwayDebugData()).isNull();
            assertThat(run.acked()).isEqualTo(6);
        }
    }

    @Test
    void anIdleClientPingingTooOftenIsSentGoawayTooManyPings() throws Exception {
        try (RawHttp2Connection client = RawHttp2Connection.open(TestGrpc.port(), TestGrpc.CERTS.resolve("ca.crt"))) {
            RawHttp2Connection.PingRun run = client.ping(6, Duration.ofMillis(20), PATIENCE);

            assertThat(run.goAwayErrorCode()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
            assertThat(run.goAwayDebugData()).isEqualTo("too_many_pings");
            assertThat(run.acked()).isLessThan(6);
        }
    }
}
