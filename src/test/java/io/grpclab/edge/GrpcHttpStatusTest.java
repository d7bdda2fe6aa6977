package io.grpclab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.grpc.Status;

class GrpcHttpStatusTest {

    @ParameterizedTest
    @CsvSource({ "OK,200", "INVALID_ARGUMENT,400", "FAILED_PRECONDITION,400", "OUT_OF_RANGE,400",
            "UNAUTHENTICATED,401", "PERMISSION_DENIED,403", "NOT_FOUND,404", "ALREADY_EXISTS,409", "ABORTED,409",
            "RESOURCE_EXHAUSTED,429", "CANCELLED,499", "UNKNOWN,500", "INTERNAL,500", "DATA_LOSS,500",
            "UNIMPLEMENTED,501", "UNAVAILABLE,503", "DEADLINE_EXCEEDED,504" })
    void mapsEveryStatusAsGoogleRpcDocumentsIt(Status.Code code, int http) {
        assertThat(GrpcHttpStatus.of(code)).isEqualTo(http);
    }
}
