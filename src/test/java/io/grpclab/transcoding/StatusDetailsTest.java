package io.grpclab.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.StringValue;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.DebugInfo;
import com.google.rpc.RetryInfo;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

class StatusDetailsTest {

    @Test
    void printsTheRichErrorDetailsAndLeavesOutDebugInfoAndUnknownTypes() {
        com.google.rpc.Status rich = com.google.rpc.Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("bad name")
                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField("name").setDescription("must not be empty")).build()))
                .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(2)).build()))
                .addDetails(Any.pack(DebugInfo.newBuilder().addStackEntries("at Secret.method(Secret.java:1)").build()))
                .addDetails(Any.pack(StringValue.of("not an error detail type")))
                .build();
        StatusRuntimeException failure = StatusProto.toStatusRuntimeException(rich);

        assertThat(StatusDetails.asJson(failure.getStatus(), failure.getTrailers())).containsExactly(
                "{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{\"field\":\"name\","
                        + "\"description\":\"must not be empty\"}]}",
                "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"2s\"}");
    }

    @Test
    void aFailureWithoutDetailsHasNone() {
        assertThat(StatusDetails.asJson(Status.UNAVAILABLE, new Metadata())).isEmpty();
        assertThat(StatusDetails.asJson(Status.UNAVAILABLE, null)).isEmpty();
    }
}
