package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.openmodel.api.v1alpha1.ModelPolicy;
import dev.openmodel.api.v1alpha1.OpenModel;
import org.junit.jupiter.api.AfterAll;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.OperatorUnderTest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and careless manifests (src/test/resources/hostile/openmodels.yaml) on the real API
 * server with the operator running: each is rejected at admission naming the field, refused
 * naming the rule, or served with the hostile part provably absent from the pod. The operator
 * stays up and reconciling through all of it.
 */
class HostileManifestsIT {
    static final String EXPECT = "openmodel.test/expect";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Pattern REPEAT = Pattern.compile("\\{\\{repeat (\\d+) (.*?)}}");

    @RegisterExtension
    static OperatorUnderTest operator = new OperatorUnderTest();
    static LocalCluster cluster = operator.cluster();

    static KubernetesClient client = LocalCluster.client();

    static Stream<Arguments> manifests() throws Exception {
        String text;
        try (InputStream in = HostileManifestsIT.class.getResourceAsStream("/hostile/openmodels.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Documents are split on their own, so each is applied exactly as written (expanded).
        List<Arguments> out = new ArrayList<>();
        for (String doc : text.split("(?m)^---$")) {
            if (!doc.contains("kind:")) {
                continue;
            }
            String expanded = expand(doc);
            JsonNode node;
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(expanded)) {
                node = it.next();
            }
            String name = node.path("metadata").path("name").asText();
            String expect = node.path("metadata").path("annotations").path(EXPECT).asText();
            out.add(Arguments.of(node.path("kind").asText() + " " + (name.length() > 40 ? name.substring(0, 40) + "…" : name), name, expect,
                    expanded));
        }
        return out.stream();
    }

    static String expand(String doc) {
        Matcher m = REPEAT.matcher(doc);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String piece = m.group(2).startsWith("\"") && m.group(2).endsWith("\"") && m.group(2).length() > 1
                    ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            m.appendReplacement(b, Matcher.quoteReplacement(piece.repeat(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(b);
        return b.toString();
    }

    @Test
    void theCorpusHoldsAtLeastSixtyManifests() throws Exception {
        assertThat(manifests().count()).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void isRejectedRefusedOrServedSafely(String title, String name, String expect, String manifest) {
        boolean policy = manifest.contains("kind: ModelPolicy");
        String applied = policy ? manifest.replace("metadata: {", "metadata: {labels: {openmodel.test/hostile: \"true\"}, ") : manifest;
        LocalCluster.Result result = cluster.kubectl(applied, "apply", "-f", "-");
        if (expect.startsWith("rejected: ")) {
            String field = expect.substring("rejected: ".length());
            assertThat(result.exitCode()).as("should be rejected:%n%s", result.output()).isNotZero();
            assertThat(result.output()).contains(field);
            if (!policy) {
                assertThat(client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName(name).get()).as("nothing created").isNull();
            }
            return;
        }
        assertThat(result.exitCode()).as("should be admitted:%n%s", result.output()).isZero();
        try {
            if (expect.startsWith("refused: ")) {
                OpenModel m = operator.models().awaitCondition(name, Conditions.POLICY_COMPLIANT, "False");
                String message = Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage();
                assertThat(message).contains(expect.substring("refused: ".length()));
                assertThat(message.chars()).as("no control characters reach status").noneMatch(c -> c < 0x20 && c != '\n');
                assertThat(Models.condition(m, Conditions.READY).orElseThrow().getReason()).isEqualTo("PolicyViolation");
                assertThat(deployment(name)).as("a refused model gets nothing").isNull();
            } else {
                assertThat(expect).startsWith("served");
                operator.models().awaitCondition(name, Conditions.READY, "True");
                Container c = deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0);
                for (String check : expect.split(";\\s*")) {
                    String[] parts = check.split(" ", 2);
                    switch (parts[0]) {
                        case "served" -> {
                        }
                        case "args-have" -> assertThat(c.getArgs()).contains(parts[1]);
                        case "args-lack" -> assertThat(c.getArgs()).doesNotContain(parts[1]);
                        case "env-has" -> assertThat(c.getEnv()).extracting(EnvVar::getName).contains(parts[1]);
                        case "env-lacks" -> assertThat(c.getEnv()).extracting(EnvVar::getName).doesNotContain(parts[1]);
                        case "image" -> assertThat(c.getImage()).isEqualTo(parts[1]);
                        default -> throw new AssertionError("unknown check " + check);
                    }
                }
                assertThat(c.getEnv()).filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf"));
            }
        } finally {
            client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName(name).delete();
        }
    }

    @Test
    void aModelsPolicyRefCannotLoosenItsNamespacesPolicy() {
        String strict = cluster.namespace() + "-strict";
        String lax = cluster.namespace() + "-lax";
        assertThat(cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: ModelPolicy
                metadata: {name: %s, labels: {openmodel.test/hostile: "true"}}
                spec: {licenses: {allow: [permissive], denyLicenses: [mit]}}
                ---
                apiVersion: openmodel.dev/v1alpha1
                kind: ModelPolicy
                metadata: {name: %s, labels: {openmodel.test/hostile: "true"}}
                spec: {enforcement: Audit, licenses: {allow: [permissive, non-commercial, unknown]}}
                """.formatted(strict, lax), "apply", "-f", "-").exitCode()).isZero();
        client.namespaces().withName(cluster.namespace()).edit(ns -> {
            ns.getMetadata().getLabels().put(ModelGate.POLICY_LABEL, strict);
            return ns;
        });
        try {
            assertThat(cluster.kubectl("""
                    apiVersion: openmodel.dev/v1alpha1
                    kind: OpenModel
                    metadata: {name: loosen}
                    spec: {model: {uri: hf://a/b}, license: {id: mit}, policyRef: {name: %s}}
                    """.formatted(lax), "apply", "-f", "-").exitCode()).isZero();
            OpenModel m = operator.models().awaitCondition("loosen", Conditions.POLICY_COMPLIANT, "False");
            assertThat(Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage())
                    .startsWith("Refused by ModelPolicy " + strict + " and ModelPolicy " + lax)
                    .contains("licenses.denyLicenses: license MIT (permissive) is denied by name");
            assertThat(deployment("loosen")).isNull();
        } finally {
            client.namespaces().withName(cluster.namespace()).edit(ns -> {
                ns.getMetadata().getLabels().remove(ModelGate.POLICY_LABEL);
                return ns;
            });
            client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName("loosen").delete();
        }
    }

    @AfterAll
    static void theOperatorStayedUpAndStillServes() {
        assertThat(cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: after-all}
                spec: {model: {uri: hf://a/b}, license: {id: apache-2.0}}
                """, "apply", "-f", "-").exitCode()).isZero();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> operator.models().isReady("after-all"));
        } finally {
                client.resources(ModelPolicy.class).withLabel("openmodel.test/hostile", "true").delete();
        }
    }

    private static Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(cluster.namespace()).withName(name).get();
    }
}
