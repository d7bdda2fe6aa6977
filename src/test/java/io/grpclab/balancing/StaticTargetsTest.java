package io.grpclab.balancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticTargetsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // as Quarkus writes it (host=the list, port appended) and as a grpc-java user would
            "node-a:9001,node-b:9002:9000 | node-a:9001,node-b:9002",
            "node-a:9001,node-b:9002      | node-a:9001,node-b:9002",
            "node-a,node-b:9000           | node-a:9000,node-b:9000",
            "localhost:50051              | localhost:50051",
            "10.0.0.1, 10.0.0.2:50051     | 10.0.0.1:50051,10.0.0.2:50051",
            "a:1,a:1,b:2                  | a:1,b:2",
    })
    void listsEachBackendOnceWithItsPortOrTheDefault(String authority, String backends) {
        assertThat(StaticTargets.parse(authority)).map(Object::toString).isEqualTo(List.of(backends.split(",")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "node-a", "node-a:9001,node-b", "node-a:0", "node-a:65536", "node-a:x",
            ",node-a:9001", "node a:9001", "[::1]:9001", "node-a:9001,,node-b:9002" })
    void refusesWhatIsNotAListOfHostsAndPortsNamingTheTarget(String authority) {
        assertThatThrownBy(() -> StaticTargets.parse(authority)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the static target '" + authority + "'")
                .hasMessageContaining("host:port,host:port");
    }
}
