package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.testing.LocalCluster;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CRD schema (structure, patterns, enums, bounds, CEL) rejects bad input on kubectl apply, naming the field. */
class MalformedOpenModelIT {
    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    private static final String MODEL = "model: {uri: hf://Qwen/Qwen2.5-0.5B-Instruct}";
    private static final String LICENSE = "license: {id: apache-2.0}";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("missing model", spec(LICENSE), "spec.model: Required value"),
                Arguments.of("missing license", spec(MODEL), "spec.license: Required value"),
                Arguments.of("unsupported uri scheme", spec("model: {uri: 'http://example.com/model'}", LICENSE), "spec.model.uri: Invalid value"),
                Arguments.of("hf uri without a name", spec("model: {uri: 'hf://Qwen'}", LICENSE), "spec.model.uri: Invalid value"),
                Arguments.of("branch name as revision", spec("model: {uri: hf://Qwen/Qwen2.5-0.5B-Instruct, revision: main}", LICENSE), "spec.model.revision: Invalid value"),
                Arguments.of("commit id as an oci revision", spec("model: {uri: 'oci://registry.example/models/qwen:1', revision: a09a35458c702b33eeacc393d103063234e8bc28}", LICENSE),
                        "spec.model.revision: Invalid value"),
                Arguments.of("unknown weight format", spec("model: {uri: hf://Qwen/Qwen2.5-0.5B-Instruct, format: pickle}", LICENSE), "spec.model.format: Unsupported value"),
                Arguments.of("malformed parameter count", spec("model: {uri: hf://Qwen/Qwen2.5-0.5B-Instruct, parameters: 7 billion}", LICENSE), "spec.model.parameters: Invalid value"),
                Arguments.of("trustRemoteCode not a boolean", spec("model: {uri: hf://Qwen/Qwen2.5-0.5B-Instruct, trustRemoteCode: 'yes'}", LICENSE), "spec.model.trustRemoteCode"),
                Arguments.of("credentials on a pvc model", spec("model: {uri: pvc://weights/qwen, credentialsSecretRef: {name: hf, key: token}}", LICENSE),
                        "spec.model.credentialsSecretRef"),
                Arguments.of("credentials without a key", spec("model: {uri: hf://Qwen/Qwen2.5-0.5B-Instruct, credentialsSecretRef: {name: hf}}", LICENSE),
                        "spec.model.credentialsSecretRef.key: Required value"),
                Arguments.of("empty license id", spec(MODEL, "license: {id: ''}"), "spec.license.id"),
                Arguments.of("license other without a name", spec(MODEL, "license: {id: other}"), "spec.license.name"),
                Arguments.of("unknown engine", spec(MODEL, LICENSE, "serving: {engine: ollama}"), "spec.serving.engine: Unsupported value"),
                Arguments.of("negative replicas", spec(MODEL, LICENSE, "serving: {replicas: -1}"), "spec.serving.replicas: Invalid value"),
                Arguments.of("zero accelerators", spec(MODEL, LICENSE, "resources: {accelerator: {count: 0}}"), "spec.resources.accelerator.count: Invalid value"),
                Arguments.of("accelerator without a vendor domain", spec(MODEL, LICENSE, "resources: {accelerator: {resourceName: gpu}}"),
                        "spec.resources.accelerator.resourceName: Invalid value"),
                Arguments.of("negative GPU memory", spec(MODEL, LICENSE, "resources: {accelerator: {minMemoryGiB: -8}}"), "spec.resources.accelerator.minMemoryGiB: Invalid value"),
                Arguments.of("policy reference without a name", spec(MODEL, LICENSE, "policyRef: {}"), "spec.policyRef.name: Required value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRejectedWithAMessageNamingTheField(String why, String manifest, String expected) {
        LocalCluster.Result result = cluster.kubectl(manifest, "apply", "-f", "-");

        assertThat(result.exitCode()).as("%s should be rejected:%n%s", why, result.output()).isNotZero();
        assertThat(result.output()).contains(expected);
    }

    @AfterAll
    static void nothingWasCreated() {
        LocalCluster.Result list = cluster.kubectl(null, "get", "openmodels", "-o", "name");
        assertThat(list.exitCode()).isZero();
        assertThat(list.output()).isBlank();
    }

    private static String spec(String... fields) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: malformed}
                spec:
                """);
        for (String field : fields) {
            yaml.append("  ").append(field).append('\n');
        }
        return yaml.toString();
    }
}
