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
        p.getSpec().licenses.deny = List.of(what);
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
    void policyRefWins() {
        assertThat(gate(model("by-ref"), "by-label", POLICIES).decision().policy()).isEqualTo("by-ref");
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
