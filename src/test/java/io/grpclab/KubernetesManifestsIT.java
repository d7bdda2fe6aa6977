package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests quarkus-kubernetes wrote at package time (target/kubernetes/kubernetes.yml): what a
 * replica needs to run beside others is there, so that {@code kubectl apply} of the file is the whole deployment.
 */
class KubernetesManifestsIT {

    static final Path MANIFESTS = Path.of("target/kubernetes/kubernetes.yml");
    static List<JsonNode> resources;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class)
                .readValues(Files.newBufferedReader(MANIFESTS))) {
            documents.forEachRemaining(resources::add);
        }
    }

    @Test
    void theDeploymentRunsTwoReplicasWithEveryPortAndProbesOnTheManagementPort() {
        JsonNode deployment = resource("Deployment", "grpc-resilience-lab");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(ports(container.get("ports"), "containerPort")).contains("grpc=50051", "http=8080", "https=8443",
                "management=9000");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/readinessProbe/httpGet/port").asInt()).isEqualTo(9000);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("384Mi");
        assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("500m");
    }

    @Test
    void theTlsSecretIsMountedAsTheCertificateDirectory() {
        JsonNode pod = resource("Deployment", "grpc-resilience-lab").at("/spec/template/spec");
        assertThat(pod.at("/volumes/0/secret/secretName").asText()).isEqualTo("grpc-resilience-lab-tls");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/etc/grpc-resilience-lab/tls");
        assertThat(container.at("/volumeMounts/0/readOnly").asBoolean()).isTrue();
        assertThat(env(container, "LAB_TLS_DIR").get("value").asText()).isEqualTo("/etc/grpc-resilience-lab/tls");
    }

    @Test
    void replicasShareRedisWhoseAddressAndPasswordComeFromASecret() {
        JsonNode container = resource("Deployment", "grpc-resilience-lab").at("/spec/template/spec/containers/0");
        assertThat(env(container, "LAB_AUTH_STORE").get("value").asText()).isEqualTo("redis");
        JsonNode hosts = env(container, "QUARKUS_REDIS_HOSTS");
        assertThat(hosts.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("grpc-resilience-lab-redis");
        assertThat(hosts.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("hosts");
        assertThat(hosts.has("value")).as("no address or password written into the manifest").isFalse();
    }

    @Test
    void aHeadlessServiceListsEveryPodForClientSideBalancing() {
        JsonNode headless = resource("Service", "grpc-resilience-lab-grpc");
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(ports(headless.at("/spec/ports"), "port")).containsExactly("grpc=50051");
        assertThat(headless.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo("grpc-resilience-lab");
        JsonNode service = resource("Service", "grpc-resilience-lab");
        assertThat(ports(service.at("/spec/ports"), "targetPort")).contains("http=8080", "https=8443", "grpc=50051");
    }

    @Test
    void eachPodsGatewayBalancesOverThePodsOfTheHeadlessService() {
        JsonNode container = resource("Deployment", "grpc-resilience-lab").at("/spec/template/spec/containers/0");
        assertThat(env(container, "QUARKUS_GRPC_CLIENTS_LAB_HOST").get("value").asText())
                .isEqualTo(resource("Service", "grpc-resilience-lab-grpc").at("/metadata/name").asText());
        assertThat(env(container, "LAB_GRPC_SERVER_MAX_CONNECTION_AGE").get("value").asText())
                .as("connections end, so that the gateways look the name up again and find new pods").isEqualTo("5m");
    }

    @Test
    void theGatewaysProveThemselvesToTheServersWithTheirCertificateSoThatForwardedAddressesAreBelieved() {
        JsonNode container = resource("Deployment", "grpc-resilience-lab").at("/spec/template/spec/containers/0");
        assertThat(env(container, "QUARKUS_GRPC_SERVER_SSL_CLIENT_AUTH").get("value").asText()).isEqualTo("REQUEST");
        assertThat(env(container, "QUARKUS_GRPC_SERVER_SSL_TRUST_STORE").get("value").asText())
                .isEqualTo("/etc/grpc-resilience-lab/tls/ca-truststore.p12");
        JsonNode password = env(container, "QUARKUS_GRPC_SERVER_SSL_TRUST_STORE_PASSWORD");
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("grpc-resilience-lab-tls");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("trust-store-password");
        assertThat(env(container, "QUARKUS_GRPC_CLIENTS_LAB_SSL_CERTIFICATE").get("value").asText())
                .isEqualTo("/etc/grpc-resilience-lab/tls/client.crt");
        assertThat(env(container, "LAB_AUTH_TRUSTED_PROXY_CERTIFICATES").get("value").asText())
                .isEqualTo("grpclab-gateway");
    }

    private static JsonNode resource(String kind, String name) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)
                && r.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + MANIFESTS));
    }

    private static List<String> ports(JsonNode ports, String field) {
        List<String> named = new ArrayList<>();
        ports.forEach(port -> named.add(port.path("name").asText() + "=" + port.path(field).asText()));
        return named;
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no " + name + " in the container's env");
    }
}
