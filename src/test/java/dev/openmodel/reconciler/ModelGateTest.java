package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.LicenseRules;
import dev.openmodel.api.v1alpha1.ModelPolicy;
import dev.openmodel.api.v1alpha1.ModelPolicySpec;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.PolicyRef;
import dev.openmodel.policy.PolicyEngineTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which policy governs a model: spec.policyRef, the namespace label, "default", built-in. */
class ModelGateTest {

    static ModelPolicy denying(String name, String what) {
        ModelPolicy p = new ModelPolicy();
        p.getMetadata().setName(name);
        p.setSpec(new ModelPolicySpec());
        p.getSpec().licenses = new LicenseRules();
        if (List.of("permissive", "copyleft", "open-model", "use-restricted", "non-commercial", "proprietary", "unknown").contains(what)) {
            p.getSpec().licenses.deny = List.of(what);
        } else {
            p.getSpec().licenses.denyLicenses = List.of(what);
        }
        return p;
    }

    static OpenModel model(String policyRef) {
        OpenModel m = new OpenModel();
        m.getMetadata().setName("m");
        m.getMetadata().setNamespace("team-a");
        m.setSpec(PolicyEngineTest.spec("hf://a/b", "apache-2.0"));
        if (policyRef != null) {
            m.getSpec().policyRef = new PolicyRef();
            m.getSpec().policyRef.name = policyRef;
        }
        return m;
    }

    private static final Map<String, ModelPolicy> POLICIES = Map.of(
            "by-ref", denying("by-ref", "apache-2.0"), "by-label", denying("by-label", "permissive"), "default", denying("default", "mit"));

    static ModelGate gate(OpenModel m, String label, Map<String, ModelPolicy> policies) {
        return ModelGate.evaluate(m, name -> Optional.ofNullable(policies.get(name)), Optional.ofNullable(label));
    }

    @Test
    void policyRefAddsToTheNamespacesPolicyAndNeverReplacesIt() {
        ModelGate g = gate(model("by-ref"), "by-label", POLICIES);
        assertThat(g.decision().policy()).isEqualTo("by-label and by-ref");
        assertThat(g.decision().allowsServing()).isFalse();
        assertThat(g.decision().message()).startsWith("Refused by ModelPolicy by-label and ModelPolicy by-ref:");
    }

    @Test
    void aLaxOrAuditPolicyRefCannotLoosenTheNamespacesPolicy() {
        ModelPolicy lax = new ModelPolicy();
        lax.getMetadata().setName("lax");
        lax.setSpec(new ModelPolicySpec());
        lax.getSpec().enforcement = dev.openmodel.api.v1alpha1.Enforcement.Audit;
        lax.getSpec().licenses = new LicenseRules();
        lax.getSpec().licenses.allow = List.of("permissive", "non-commercial", "unknown");
        Map<String, ModelPolicy> policies = Map.of("by-label", denying("by-label", "permissive"), "lax", lax);
        ModelGate g = gate(model("lax"), "by-label", policies);
        assertThat(g.decision().allowsServing()).isFalse();
        assertThat(g.decision().message()).contains("licenses.deny: license Apache-2.0 (permissive) is denied (permissive)");
        // With no label, the ModelPolicy "default" (else the built-in) is the namespace's policy.
        OpenModel nc = model("lax");
        nc.getSpec().license.id = "cc-by-nc-4.0";
        assertThat(gate(nc, null, policies).decision().allowsServing()).as("the built-in policy still refuses non-commercial").isFalse();
    }

    @Test
    void argumentsThatSetWhatTheGateDecidedAreRefusedWhateverThePolicy() {
        OpenModel m = model(null);
        m.getSpec().serving = new dev.openmodel.api.v1alpha1.ServingSpec();
        m.getSpec().serving.args = List.of("--max-model-len", "8192", "--trust_remote_code");
        ModelGate g = gate(m, null, Map.of());
        assertThat(g.decision().allowsServing()).isFalse();
        assertThat(g.decision().message()).contains("serving.args: spec.serving.args[2]: '--trust_remote_code' would set code trust");
    }

    @Test
    void namespaceLabelComesNext() {
        assertThat(gate(model(null), "by-label", POLICIES).decision().policy()).isEqualTo("by-label");
    }

    @Test
    void thenThePolicyNamedDefaultThenTheBuiltIn() {
        assertThat(gate(model(null), null, POLICIES).decision().policy()).isEqualTo("default");
        assertThat(gate(model(null), null, Map.of()).decision().policy()).isEqualTo("built-in");
    }

    @Test
    void aNamedPolicyThatIsMissingRefuses() {
        ModelGate g = gate(model(null), "gone", POLICIES);
        assertThat(g.decision().allowsServing()).isFalse();
        assertThat(g.decision().message()).contains("ModelPolicy gone (from namespace label openmodel.dev/policy) does not exist");
    }

    @Test
    void aCoreFailureRefusesTheModelWithTheReasonInsteadOfEscaping() {
        OpenModel broken = model(null);
        broken.setSpec(null); // the API server never admits this; it stands in for any failure inside the core
        ModelGate gate = ModelGate.evaluate(broken, name -> Optional.empty(), Optional.empty());
        assertThat(gate.decision().allowsServing()).isFalse();
        assertThat(gate.decision().message()).contains("assessment: the model could not be assessed (java.lang.NullPointerException");
        assertThat(gate.facts().openness().mofClass()).isEqualTo("Unclassified");
    }
}
