package io.grpclab.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProtoCommentsTest {

    static final String PROTO = """
            // The file's comment: detached from what follows by the blank line.

            syntax = "proto3";
            package lab.x.v1;

            // Says hello.
            // Twice.
            service Greeter {
              // The greeting.
              rpc Greet (Ask) returns (Answer) {
                option (google.api.http) = {
                  post: "/v1/greet" // not a comment of anything
                  body: "*"
                };
              }
              rpc Silent (Ask) returns (Answer) {}
            }

            // A question.
            message Ask {
              // Who asks.
              string name = 1;
              repeated string tags = 2; // trailing comments are not taken
              // A map.
              map<string, int32> counts = 3;
              oneof choice {
                // In a oneof, a field of Ask.
                int32 number = 4;
              }
              // Nested.
              message Inner {
                // Inside.
                bool flag = 1;
              }
              Inner inner = 5;
            }

            enum Mood {
              // Nothing said.
              MOOD_UNSPECIFIED = 0;
            }
            """;

    @Test
    void leadingCommentsByFullName() {
        Map<String, String> comments = ProtoComments.parse(PROTO);

        assertThat(comments).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lab.x.v1.Greeter", "Says hello.\nTwice.",
                "lab.x.v1.Greeter.Greet", "The greeting.",
                "lab.x.v1.Ask", "A question.",
                "lab.x.v1.Ask.name", "Who asks.",
                "lab.x.v1.Ask.counts", "A map.",
                "lab.x.v1.Ask.number", "In a oneof, a field of Ask.",
                "lab.x.v1.Ask.Inner", "Nested.",
                "lab.x.v1.Ask.Inner.flag", "Inside.",
                "lab.x.v1.Mood.MOOD_UNSPECIFIED", "Nothing said."));
    }

    @Test
    void aFileNotOnTheClassPathHasNone() {
        assertThat(ProtoComments.of(getClass().getClassLoader(), "no/such.proto")).isEmpty();
    }
}
