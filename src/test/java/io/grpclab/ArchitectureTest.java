package io.grpclab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.grpc.GrpcService;

/**
 * The layout the README's architecture section describes, held against the code: two wings (the service a user runs,
 * the lab that shows it, lab → service and never back), the service's floors (a package uses only floors below its
 * own, or its own), no cycles, and where the endpoints live.
 */
class ArchitectureTest {

    static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.grpclab");

    @Test
    void theServiceDoesNotKnowTheLabExists() {
        noClasses().that().resideOutsideOfPackage("io.grpclab.lab..")
                .should().dependOnClassesThat().resideInAPackage("io.grpclab.lab..")
                .check(APP);
    }

    /**
     * The same rule read from the sources: ArchUnit reads bytecode, which keeps no import that only a comment or a
     * type-use annotation ({@code List<Status.@FailureCode Code>}) uses.
     */
    @Test
    void noServiceSourceImportsTheLab() throws IOException {
        Path sources = Path.of("src/main/java/io/grpclab");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> imports = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(sources.resolve("lab")))
                    .flatMap(file -> lines(file).filter(line -> line.startsWith("import io.grpclab.lab.")
                            || line.startsWith("import static io.grpclab.lab.")).map(line -> file + ": " + line))
                    .toList();
            assertThat(imports).isEmpty();
        }
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching("io.grpclab.(**)").should().beFreeOfCycles().check(APP);
    }

    /** Floors, bottom up: each may use the floors below it; the lab sits on top of all of them. */
    @Test
    void eachFloorUsesOnlyTheFloorsBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("protocol").definedBy("io.grpclab.auth.v1..")
                .layer("grpc").definedBy("io.grpclab.grpc..")
                .layer("policies").definedBy("io.grpclab.faults..", "io.grpclab.tls..", "io.grpclab.keepalive..",
                        "io.grpclab.retry..", "io.grpclab.balancing..")
                .layer("http edge").definedBy("io.grpclab.edge..")
                .layer("operations").definedBy("io.grpclab.ops..")
                .layer("services").definedBy("io.grpclab.auth", "io.grpclab.auth.store..", "io.grpclab.echo..",
                        "io.grpclab.hello..", "io.grpclab.faulttolerance..")
                .layer("gateway").definedBy("io.grpclab.transcoding..")
                .layer("lab").definedBy("io.grpclab.lab..")
                .whereLayer("grpc").mayOnlyAccessLayers("protocol")
                .whereLayer("policies").mayOnlyAccessLayers("protocol", "grpc")
                .whereLayer("http edge").mayOnlyAccessLayers("protocol", "grpc", "policies")
                .whereLayer("operations").mayOnlyAccessLayers("protocol", "grpc", "policies", "http edge")
                .whereLayer("services").mayOnlyAccessLayers("protocol", "grpc", "policies", "http edge",
                        "operations")
                .whereLayer("gateway").mayOnlyAccessLayers("protocol", "grpc", "policies", "http edge", "operations",
                        "services")
                .check(APP);
    }

    @Test
    void scenarioEndpointsLiveInTheLab() {
        classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class).and().haveSimpleNameEndingWith("ScenarioResource")
                .should().resideInAPackage("io.grpclab.lab..")
                .check(APP);
        classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class).should().haveSimpleNameEndingWith("Resource")
                .check(APP);
    }

    @Test
    void grpcServicesAreTheServices() {
        classes().that().areAnnotatedWith(GrpcService.class)
                .should().haveSimpleNameEndingWith("GrpcService")
                .andShould().resideOutsideOfPackage("io.grpclab.lab..")
                .check(APP);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
