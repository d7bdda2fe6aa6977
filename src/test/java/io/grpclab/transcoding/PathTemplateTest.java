package io.grpclab.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    /**
     * template, path, the bindings as name=value pairs joined by '&amp;' (empty: matches and binds nothing;
     * '-': no match).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/v1/whoami                      | /v1/whoami                   | ",
            "/v1/whoami                      | /v1/whoami/                  | -",
            "/v1/whoami                      | /v1/whoamI                   | -",
            "/v1/sessions/{session_id}       | /v1/sessions/abc-123         | session_id=abc-123",
            "/v1/sessions/{session_id}       | /v1/sessions/                | -",
            "/v1/sessions/{session_id}       | /v1/sessions/a/b             | -",
            "/v1/sessions/{session_id}       | /v1/sessions/a%2Fb           | -",
            "/v1/sessions/{session_id}       | /v1/sessions/caf%C3%A9%20x   | session_id=café x",
            "/v1/sessions/{session_id}       | /v1/sessions/a+b             | session_id=a+b",
            "/v1/{name=shelves/*}            | /v1/shelves/7                | name=shelves/7",
            "/v1/{name=shelves/*}            | /v1/books/7                  | -",
            "/v1/{name=shelves/*}/books/{id} | /v1/shelves/7/books/9        | name=shelves/7&id=9",
            "/v1/files/{path=**}             | /v1/files/a/b/c.txt          | path=a/b/c.txt",
            "/v1/files/{path=**}             | /v1/files                    | path=",
            "/v1/*/things                    | /v1/any/things               | ",
            "/v1/messages/{id}:cancel        | /v1/messages/42:cancel       | id=42",
            "/v1/messages/{id}:cancel        | /v1/messages/42              | -",
            "/v1/a.b/{x.y}                   | /v1/a.b/3                    | x.y=3",
            "/v1/sessions/{session_id}       | /v1/sessions/%ZZ             | -" })
    void matchesAsGoogleApiHttpSays(String template, String path, String expected) {
        Map<String, String> bindings = PathTemplate.parse(template).match(path);

        if ("-".equals(expected)) {
            assertThat(bindings).as(path).isNull();
            return;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        if (expected != null) {
            for (String pair : expected.split("&")) {
                int equals = pair.indexOf('=');
                wanted.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        assertThat(bindings).as(path).containsExactlyEntriesOf(wanted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "v1/whoami | starts with /", "/v1//x | an empty segment",
            "/v1/{id | unclosed", "/v1/{1d} | not a field path", "/v1/{a={b}} | unbalanced",
            "/v1/**/x | ** may only be the last", "/v1/x y | not a path segment", "/v1/x:a b | verb" })
    void refusesWhatTheGrammarDoesNotAllowSayingWhat(String template, String says) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(says);
    }
}
