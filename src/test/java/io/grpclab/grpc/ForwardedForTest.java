package io.grpclab.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class ForwardedForTest {

    final Predicate<String> trusted = ForwardedFor.trusting("test.proxies",
            List.of("127.0.0.1:8084", "[::1]", "10.0.0.0/8"));

    @Test
    void anUntrustedPeerIsTheClientWhateverItSays() {
        assertThat(ForwardedFor.client("203.0.113.5", "1.2.3.4", trusted)).isEqualTo("203.0.113.5");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightmostUntrustedHop() {
        assertThat(ForwardedFor.client("127.0.0.1", "6.6.6.6, 203.0.113.5, 10.1.2.3", trusted))
                .isEqualTo("203.0.113.5");
        assertThat(ForwardedFor.client("::1", "203.0.113.5", trusted)).isEqualTo("203.0.113.5");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(ForwardedFor.client("127.0.0.1", "10.0.0.7, 10.0.0.8", trusted)).isEqualTo("10.0.0.7");
    }

    @Test
    void portsAndBracketsAreNotPartOfTheAddress() {
        assertThat(ForwardedFor.client("127.0.0.1", "203.0.113.5:4711", trusted)).isEqualTo("203.0.113.5");
        assertThat(ForwardedFor.client("127.0.0.1", "[2001:db8::1]:443", trusted)).isEqualTo("2001:db8::1");
        assertThat(ForwardedFor.client("127.0.0.1", "2001:db8::1", trusted)).isEqualTo("2001:db8::1");
    }

    @Test
    void aListedProxyIsTrustedInEveryFormOfItsAddress() {
        assertThat(trusted).accepts("127.0.0.1", "::1", "0:0:0:0:0:0:0:1", "10.200.3.4")
                .rejects("127.0.0.2", "::2", "11.0.0.1", "localhost", "", "127.0.0.1:8084");
    }

    @Test
    void withoutAHeaderThePeerIsTheClient() {
        assertThat(ForwardedFor.client("127.0.0.1", null, trusted)).isEqualTo("127.0.0.1");
        assertThat(ForwardedFor.client("127.0.0.1", " ", trusted)).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxyEntryThatIsNotAnAddressIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ForwardedFor.trusting("quarkus.http.proxy.trusted-proxies",
                List.of("proxy.example.com")))
                .hasMessageContaining("quarkus.http.proxy.trusted-proxies").hasMessageContaining("proxy.example.com");
    }

    @Test
    void aHeaderSentOnSeveralLinesIsOneList() {
        assertThat(ForwardedFor.client("127.0.0.1", ForwardedFor.joined(List.of("6.6.6.6", "203.0.113.5")), trusted))
                .isEqualTo("203.0.113.5");
        assertThat(ForwardedFor.joined(null)).isNull();
    }
}
