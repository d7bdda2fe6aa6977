package io.grpclab.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;

import io.grpclab.echo.EchoProto;
import io.grpclab.hello.ExampleProto;

class HttpRulesTest {

    static final List<Descriptors.ServiceDescriptor> SEED = List.of(EchoProto.getDescriptor().getServices().get(0),
            ExampleProto.getDescriptor().getServices().get(0));

    @Test
    void theSeedsRulesComeFromTheRuleFileBesideItsUntouchedProtos() {
        List<HttpRule> rules = HttpRules.read(getClass().getResourceAsStream("/http-rules.yaml"), "http-rules.yaml");

        List<HttpBinding> bindings = HttpRules.bindings(SEED, rules);

        assertThat(bindings).extracting(b -> b.httpMethod() + " " + b.path() + " -> " + b.method().getFullName()
                + " body " + b.body()).containsExactly("POST /api/echo -> EchoService.Echo body *",
                        "POST /api/hello -> ExampleService.SayHello body *");
        assertThat(EchoProto.getDescriptor().getServices().get(0).getMethods().get(0).getOptions().getAllFields())
                .isEmpty();
    }

    @Test
    void aMethodsOwnOptionWinsOverTheFileAndAdditionalBindingsCount() throws Exception {
        HttpRule option = HttpRule.newBuilder().setGet("/v1/echo/{echo_message}")
                .addAdditionalBindings(HttpRule.newBuilder().setPost("/v1/echo").setBody("*")).build();
        Descriptors.ServiceDescriptor annotated = echoWithOption(option);

        List<HttpBinding> bindings = HttpRules.bindings(List.of(annotated),
                rules("- selector: EchoService.Echo\n  post: /api/echo\n  body: \"*\"\n"));

        assertThat(bindings).extracting(b -> b.httpMethod() + " " + b.path())
                .containsExactly("GET /v1/echo/{echo_message}", "POST /v1/echo");
    }

    @Test
    void aRuleForNoMethodStopsTheAppNamingItAndTheMethodsThereAre() {
        assertThatThrownBy(() -> HttpRules.bindings(SEED, rules("- selector: EchoService.Ech\n  post: /x\n")))
                .hasMessageContaining("'EchoService.Ech' names no method")
                .hasMessageContaining("EchoService.Echo, ExampleService.SayHello");
    }

    @Test
    void aPathVariableOrBodyThatIsNoFieldStopsTheAppNamingIt() {
        assertThatThrownBy(() -> HttpRules.bindings(SEED, rules("- selector: EchoService.Echo\n  get: /e/{message}\n")))
                .hasMessageContaining("path variable 'message'").hasMessageContaining("no field 'message'");
        assertThatThrownBy(() -> HttpRules.bindings(SEED,
                rules("- selector: EchoService.Echo\n  post: /e\n  body: echo_message.text\n")))
                .hasMessageContaining("body 'echo_message.text'").hasMessageContaining("not a singular message field");
        assertThatThrownBy(() -> HttpRules.bindings(SEED, rules("- selector: EchoService.Echo\n  post: e\n")))
                .hasMessageContaining("EchoService.Echo").hasMessageContaining("starts with /");
    }

    @Test
    void aRuleFileThatIsNotAnHttpConfigurationSaysSo() {
        assertThatThrownBy(() -> rules("- selector: EchoService.Echo\n  fetch: /e\n"))
                .hasMessageContaining("not a google.api.Http").hasMessageContaining("fetch");
    }

    private static List<HttpRule> rules(String yamlRules) {
        String yaml = "http:\n  rules:\n" + yamlRules.replaceAll("(?m)^", "    ");
        return HttpRules.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test rules");
    }

    /** EchoService as protoc would build it with a google.api.http option on Echo. */
    private static Descriptors.ServiceDescriptor echoWithOption(HttpRule rule) throws Exception {
        DescriptorProtos.FileDescriptorProto.Builder file = EchoProto.getDescriptor().toProto().toBuilder();
        file.getServiceBuilder(0).getMethodBuilder(0)
                .setOptions(DescriptorProtos.MethodOptions.newBuilder().setExtension(AnnotationsProto.http, rule));
        return Descriptors.FileDescriptor.buildFrom(file.build(), new Descriptors.FileDescriptor[0]).getServices()
                .get(0);
    }
}
