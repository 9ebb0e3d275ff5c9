package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.ModelPolicy;
import dev.openmodel.api.v1alpha1.OpenModel;
import org.junit.jupiter.api.AfterAll;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.OperatorUnderTest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gate on a real cluster: license, openness and supply-chain rules decide what runs. */
class PolicyGateIT {
    @RegisterExtension
    static OperatorUnderTest operator = new OperatorUnderTest();
    static LocalCluster cluster = operator.cluster();

    static KubernetesClient client = LocalCluster.client();
    static final List<String> policies = new ArrayList<>();

    @AfterAll
    static void cleanUp() {
        policies.forEach(p -> client.resources(ModelPolicy.class).withName(p).delete());
    }

    @Test
    void llamaLicensedModelWithoutAcceptedTermsIsRefusedAndNothingIsCreated() {
        apply("llama-no-terms", "hf://meta-llama/Llama-3.1-8B-Instruct", "{id: llama3.1}", "");

        OpenModel m = operator.models().awaitCondition("llama-no-terms", Conditions.POLICY_COMPLIANT, "False");
        Condition compliant = Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow();
        assertThat(compliant.getReason()).isEqualTo("PolicyViolation");
        assertThat(compliant.getMessage()).contains("built-in default policy").contains("licenses.requireAcceptedTerms")
                .contains("acceptTerms: [llama3.1]");
        assertThat(Models.condition(m, Conditions.READY).orElseThrow().getReason()).isEqualTo("PolicyViolation");
        assertThat(m.getStatus().license.id).isEqualTo("LicenseRef-llama3.1");
        assertThat(m.getStatus().license.category).isEqualTo("use-restricted");
        assertThat(m.getStatus().openness.mofClass).isEqualTo("Unclassified");
        assertThat(deployment("llama-no-terms")).isNull();
        assertThat(client.services().inNamespace(cluster.namespace()).withName("llama-no-terms").get()).isNull();
        operator.models().awaitEvent("llama-no-terms", "PolicyViolation");
    }

    @Test
    void llamaWithAcceptedTermsUnderAPolicyAllowingUseRestrictedIsServed() {
        String policy = policy("allow-restricted", """
                licenses: {allow: [permissive, use-restricted], requireAcceptedTerms: true}
                """);
        apply("llama-accepted", "hf://meta-llama/Llama-3.1-8B-Instruct", "{id: llama3.1, acceptTerms: [llama3.1]}",
                "policyRef: {name: " + policy + "}");

        OpenModel m = operator.models().awaitCondition("llama-accepted", Conditions.READY, "True");
        assertThat(Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow().getStatus()).isEqualTo("True");
        assertThat(Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage()).contains("ModelPolicy " + policy);
        assertThat(m.getStatus().license.restrictions).anyMatch(r -> r.contains("700,000,000 monthly active users"));
    }

    @Test
    void nonCommercialModelIsRefusedUnderTheDefaultPolicy() {
        apply("nc-model", "hf://CohereForAI/aya-23-8B", "{id: cc-by-nc-4.0}", "");

        OpenModel m = operator.models().awaitCondition("nc-model", Conditions.POLICY_COMPLIANT, "False");
        assertThat(Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage()).contains("licenses.deny")
                .contains("CC-BY-NC-4.0 (non-commercial)");
        assertThat(m.getStatus().license.commercialUse).isFalse();
        assertThat(deployment("nc-model")).isNull();
    }

    @Test
    void pickleWeightsAreRefused() {
        apply("pickled", "hf://EleutherAI/pythia-70m", "{id: apache-2.0}", "", "format: pytorch");

        OpenModel m = operator.models().awaitCondition("pickled", Conditions.POLICY_COMPLIANT, "False");
        assertThat(Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage()).contains("supplyChain.allowedFormats")
                .contains("pickle files, which run code when loaded");
        assertThat(deployment("pickled")).isNull();
    }

    @Test
    void tighteningAPolicyStopsARunningModelAndRelaxingItBringsItBack() {
        String policy = policy("tighten", "openness: {}\n");
        apply("tightened", "hf://ibm-granite/granite-3.3-8b-instruct", "{id: apache-2.0}", "policyRef: {name: " + policy + "}");
        operator.models().awaitCondition("tightened", Conditions.READY, "True");

        client.resources(ModelPolicy.class).withName(policy).edit(p -> {
            p.getSpec().openness.minimumMofClass = dev.openmodel.api.v1alpha1.MofClass.ClassI;
            return p;
        });

        OpenModel stopped = operator.models().awaitCondition("tightened", Conditions.POLICY_COMPLIANT, "False");
        assertThat(Models.condition(stopped, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage()).contains("openness.minimumMofClass")
                .contains("below ClassI");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(deployment("tightened").getSpec().getReplicas()).isZero();
            assertThat(client.pods().inNamespace(cluster.namespace()).withLabel("openmodel.dev/model", "tightened").list().getItems()).isEmpty();
        });
        assertThat(client.services().inNamespace(cluster.namespace()).withName("tightened").get()).as("the Service is kept").isNotNull();
        assertThat(Models.condition(operator.models().get("tightened"), Conditions.READY).orElseThrow().getReason()).isEqualTo("PolicyViolation");

        client.resources(ModelPolicy.class).withName(policy).edit(p -> {
            p.getSpec().openness.minimumMofClass = null;
            return p;
        });

        operator.models().awaitCondition("tightened", Conditions.READY, "True");
        assertThat(deployment("tightened").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void auditModeServesAndReportsTheFindings() {
        String policy = policy("audit", """
                enforcement: Audit
                licenses: {requireOsiApproved: true}
                openness: {requireOsaid: true}
                """);
        // The built-in policy still governs the namespace (terms accepted); the Audit policy adds findings.
        apply("audited", "hf://google/gemma-2-9b-it", "{id: gemma, acceptTerms: [gemma]}", "policyRef: {name: " + policy + "}");

        OpenModel m = operator.models().awaitCondition("audited", Conditions.READY, "True");
        Condition compliant = Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow();
        assertThat(compliant.getStatus()).isEqualTo("False");
        assertThat(compliant.getReason()).isEqualTo("AuditViolation");
        assertThat(compliant.getMessage()).startsWith("Audit findings of the built-in default policy and ModelPolicy " + policy)
                .contains("licenses.requireOsiApproved").contains("openness.requireOsaid");
        assertThat(deployment("audited").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void aPublishedMofDeclarationInTheSpecMeetsAnOpenSciencePolicyThatAcceptsConditionalPasses() throws Exception {
        // Pythia releases data and weights under Apache-2.0, a code license: Class I, conditionally.
        String policy = policy("open-science", "openness: {minimumMofClass: ClassI, acceptConditionalMofClass: true, requireOsaid: true}\n");
        String declaration = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/mof/pythia-6.9b.yml"));
        LocalCluster.Result applied = cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: pythia}
                spec:
                  model: {uri: hf://EleutherAI/pythia-6.9b}
                  license: {id: apache-2.0}
                  policyRef: {name: %s}
                  openness:
                    mofDeclaration: |
                %s""".formatted(policy, declaration.indent(6)), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.output()).isZero();

        OpenModel m = operator.models().awaitCondition("pythia", Conditions.READY, "True");
        assertThat(m.getStatus().openness.mofClass).isEqualTo("ClassI");
        assertThat(m.getStatus().openness.mofConditional).isTrue();
        assertThat(m.getStatus().openness.osaid).isTrue();
        assertThat(m.getStatus().openness.verdict).isEqualTo("open-source");
    }

    @Test
    void aClassIIIPolicyRefusesAWeightsOnlyModelAndServesOneDeclaringEveryClassIIIComponent() {
        String policy = policy("class-three", "openness: {minimumMofClass: ClassIII}\n");
        apply("weights-only", "hf://ibm-granite/granite-3.3-8b-instruct", "{id: apache-2.0}", "policyRef: {name: " + policy + "}");
        String classThree = """
                policyRef: {name: %s}
                  openness:
                    components:
                    - {name: model-architecture, license: Apache-2.0}
                    - {name: model-parameters-final, license: %s}
                    - {name: model-card, license: CC-BY-4.0}
                    - {name: data-card, license: CC-BY-4.0}
                    - {name: technical-report, license: CC-BY-4.0}
                    - {name: evaluation-results, license: CC-BY-4.0}""";
        apply("class-three", "hf://example/open-model", "{id: cdla-permissive-2.0}", classThree.formatted(policy, "CDLA-Permissive-2.0"));
        // The same release with the weights under a code license: Class III only conditionally.
        apply("conditional", "hf://example/open-model", "{id: apache-2.0}", classThree.formatted(policy, "Apache-2.0"));

        OpenModel refused = operator.models().awaitCondition("weights-only", Conditions.POLICY_COMPLIANT, "False");
        assertThat(Models.condition(refused, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage())
                .contains("openness.minimumMofClass: the model is Unclassified, below ClassIII (model-architecture (missing), technical-report (missing), "
                        + "evaluation-results (missing), model-card (missing), data-card (missing))");
        assertThat(refused.getStatus().openness.mofClass).isEqualTo("Unclassified");
        assertThat(refused.getStatus().openness.classes).first().satisfies(c -> {
            assertThat(c.mofClass).isEqualTo("ClassIII");
            assertThat(c.met).isFalse();
            assertThat(c.missing).contains("model-card", "data-card");
        });
        assertThat(deployment("weights-only")).isNull();

        OpenModel served = operator.models().awaitCondition("class-three", Conditions.READY, "True");
        assertThat(served.getStatus().openness.mofClass).isEqualTo("ClassIII");
        assertThat(served.getStatus().openness.mofConditional).isNull();
        assertThat(served.getStatus().openness.classes.get(0).met).isTrue();

        OpenModel conditional = operator.models().awaitCondition("conditional", Conditions.POLICY_COMPLIANT, "False");
        assertThat(conditional.getStatus().openness.mofClass).isEqualTo("ClassIII");
        assertThat(conditional.getStatus().openness.mofConditional).isTrue();
        assertThat(conditional.getStatus().openness.classes.get(0).notTypeAppropriate).containsExactly("model-parameters-final");
        assertThat(Models.condition(conditional, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage())
                .contains("ClassIII is met only conditionally (model-parameters-final under an open license not written for its content type)");

        LocalCluster.Result table = cluster.kubectl(null, "get", "om", "weights-only", "class-three");
        assertThat(table.output()).containsPattern("weights-only\\s+Apache-2.0\\s+Unclassified").containsPattern("class-three\\s+CDLA-Permissive-2.0\\s+ClassIII");

        client.resources(ModelPolicy.class).withName(policy).edit(p -> {
            p.getSpec().openness.acceptConditionalMofClass = true;
            return p;
        });
        operator.models().awaitCondition("conditional", Conditions.READY, "True");
        assertThat(operator.models().get("weights-only").getStatus().openness.mofClass).isEqualTo("Unclassified");
        assertThat(deployment("weights-only")).as("still refused").isNull();
    }

    @Test
    void aDeviceSelectingVariableMakesTheWorkloadNotConformantAndAPolicyRequiringConformanceRefusesIt() {
        apply("visible-devices", "hf://ibm-granite/granite-3.3-8b-instruct", "{id: apache-2.0}",
                "serving: {env: [{name: NVIDIA_VISIBLE_DEVICES, value: all}]}");
        OpenModel served = operator.models().awaitCondition("visible-devices", Conditions.READY, "True");
        var conformant = Models.condition(served, Conditions.CONFORMANT).orElseThrow();
        assertThat(conformant.getStatus()).isEqualTo("False");
        assertThat(conformant.getMessage()).contains("secure_accelerator_access: container server sets NVIDIA_VISIBLE_DEVICES");

        String policy = policy("conformance", "conformance: {required: true}\n");
        apply("visible-devices-strict", "hf://ibm-granite/granite-3.3-8b-instruct", "{id: apache-2.0}",
                "policyRef: {name: " + policy + "}\n  serving: {env: [{name: CUDA_VISIBLE_DEVICES, value: '0'}]}");
        OpenModel refused = operator.models().awaitCondition("visible-devices-strict", Conditions.POLICY_COMPLIANT, "False");
        assertThat(Models.condition(refused, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage())
                .contains("conformance.required: the pod template is not conformant: secure_accelerator_access");
        assertThat(deployment("visible-devices-strict")).isNull();
        apply("conformant", "hf://ibm-granite/granite-3.3-8b-instruct", "{id: apache-2.0}", "policyRef: {name: " + policy + "}");
        assertThat(Models.condition(operator.models().awaitCondition("conformant", Conditions.READY, "True"), Conditions.CONFORMANT).orElseThrow()
                .getStatus()).isEqualTo("True");
    }

    @Test
    void aPolicyReferenceThatDoesNotExistRefusesInsteadOfFallingBack() {
        apply("dangling", "hf://ibm-granite/granite-3.3-8b-instruct", "{id: apache-2.0}", "policyRef: {name: no-such-policy}");

        OpenModel m = operator.models().awaitCondition("dangling", Conditions.POLICY_COMPLIANT, "False");
        assertThat(Models.condition(m, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage()).contains("ModelPolicy no-such-policy (from spec.policyRef) does not exist");
        assertThat(deployment("dangling")).isNull();
    }

    private String policy(String suffix, String specYaml) {
        String name = cluster.namespace() + "-" + suffix;
        policies.add(name);
        LocalCluster.Result applied = cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: ModelPolicy
                metadata: {name: %s}
                spec:
                %s""".formatted(name, specYaml.indent(2)), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        return name;
    }

    private void apply(String name, String uri, String license, String extraSpec, String... modelFields) {
        String model = "{uri: " + uri + (modelFields.length > 0 ? ", " + String.join(", ", modelFields) : "") + "}";
        LocalCluster.Result applied = cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: %s}
                spec:
                  model: %s
                  license: %s
                  %s
                """.formatted(name, model, license, extraSpec), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(cluster.namespace()).withName(name).get();
    }
}
