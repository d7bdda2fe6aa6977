package io.grpclab.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpclab.support.CapturedLog;
import io.grpclab.support.TlsChannelTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bytes that are not the request message a method takes: INVALID_ARGUMENT saying so, and no warning or error in the
 * log (a client's bad bytes are not the server's failure, and a stack trace per call is a way to fill a disk).
 */
@QuarkusTest
class MalformedMessageTests extends TlsChannelTestBase {

    /** Raw bytes in, raw bytes out: the message is whatever the test writes. */
    static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /**
     * Hex of each message: a field header with no value; a length beyond the message; a string field 1 holding bytes
     * that are not UTF-8 (proto3 strings must be); a group end tag with no start.
     */
    @ParameterizedTest
    @ValueSource(strings = { "08", "0a05616263", "0a02c328", "0c" })
    void bytesThatAreNotTheRequestMessageAreAnInvalidArgumentWithoutALogLine(String hex) {
        for (String method : new String[] { "EchoService/Echo", "ExampleService/SayHello",
                "lab.auth.v1.AuthService/CreateSession" }) {
            try (CapturedLog log = CapturedLog.of("", Level.WARNING)) {
                Status status = call(method, java.util.HexFormat.of().parseHex(hex));

                assertThat(status.getCode()).as(method).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(status.getDescription()).as(method).contains("not a valid");
                assertThat(log.lines()).as(method).isEmpty();
            }
        }
    }

    private Status call(String method, byte[] message) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]> newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(method)
                .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
        try {
            ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                    message);
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }
}
