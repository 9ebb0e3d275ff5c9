package dev.openmodel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.Enforcement;
import dev.openmodel.api.v1alpha1.LicenseRules;
import dev.openmodel.api.v1alpha1.LicenseSpec;
import dev.openmodel.api.v1alpha1.ModelFormat;
import dev.openmodel.api.v1alpha1.ModelPolicySpec;
import dev.openmodel.api.v1alpha1.ModelSource;
import dev.openmodel.api.v1alpha1.MofClass;
import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.OpennessRules;
import dev.openmodel.api.v1alpha1.ServingSpec;
import dev.openmodel.api.v1alpha1.SupplyChainRules;
import java.util.List;
import org.junit.jupiter.api.Test;

public class PolicyEngineTest {

    public static OpenModelSpec spec(String uri, String license) {
        OpenModelSpec spec = new OpenModelSpec();
        spec.model = new ModelSource();
        spec.model.uri = uri;
        spec.license = new LicenseSpec();
        spec.license.id = license;
        return spec;
    }

    static PolicyDecision builtIn(OpenModelSpec spec) {
        return PolicyEngine.decide(ModelAssessor.facts("m", spec), PolicyRules.builtIn());
    }

    static List<String> rules(PolicyDecision d) {
        return d.violations().stream().map(Violation::rule).toList();
    }

    @Test
    void builtInPolicyServesPermissiveCopyleftAndOpenModelLicenses() {
        assertThat(builtIn(spec("hf://a/b", "apache-2.0")).compliant()).isTrue();
        assertThat(builtIn(spec("hf://a/b", "gpl-3.0")).compliant()).isTrue();
        assertThat(builtIn(spec("hf://a/b", "OpenMDW-1.0")).compliant()).isTrue();
    }

    @Test
    void builtInPolicyRefusesNonCommercialAndUnknownLicenses() {
        assertThat(rules(builtIn(spec("hf://a/b", "cc-by-nc-4.0")))).containsExactly("licenses.deny");
        assertThat(rules(builtIn(spec("hf://a/b", "Our own license")))).containsExactly("licenses.deny");
        assertThat(builtIn(spec("hf://a/b", "qwen-research")).message()).contains("non-commercial");
    }

    @Test
    void useRestrictedLicensesNeedTheirTermsAccepted() {
        OpenModelSpec gemma = spec("hf://google/gemma-2-9b-it", "gemma");
        assertThat(rules(builtIn(gemma))).containsExactly("licenses.requireAcceptedTerms");
        gemma.license.acceptTerms = List.of("Gemma");
        assertThat(builtIn(gemma).compliant()).isTrue();
    }

    @Test
    void pickleAndRemoteCodeAreRefusedByDefault() {
        OpenModelSpec s = spec("hf://a/b", "mit");
        s.model.format = ModelFormat.pytorch;
        s.model.trustRemoteCode = true;
        assertThat(rules(builtIn(s))).containsExactly("supplyChain.allowedFormats", "supplyChain.allowTrustRemoteCode");
    }

    @Test
    void everyFailedRuleIsOneLineNamingTheRuleAndTheFact() {
        ModelPolicySpec p = new ModelPolicySpec();
        p.licenses = new LicenseRules();
        p.licenses.requireOsiApproved = true;
        p.licenses.requireCommercialUse = true;
        p.openness = new OpennessRules();
        p.openness.minimumMofClass = MofClass.ClassII;
        p.openness.requireOsaid = true;
        p.openness.requireOpenWeights = true;
        p.supplyChain = new SupplyChainRules();
        p.supplyChain.requirePinnedRevision = true;
        p.supplyChain.requireImageDigest = true;
        p.supplyChain.allowedSources = List.of("hf://ibm-granite/");
        OpenModelSpec s = spec("hf://meta-llama/Llama-3.1-8B", "cc-by-nc-4.0");

        PolicyDecision d = PolicyEngine.decide(ModelAssessor.facts("m", s), PolicyRules.from("strict", p));

        assertThat(rules(d)).containsExactly("licenses.deny", "licenses.requireOsiApproved", "licenses.requireCommercialUse",
                "openness.minimumMofClass", "openness.requireOsaid", "openness.requireOpenWeights", "supplyChain.requirePinnedRevision",
                "supplyChain.requireImageDigest", "supplyChain.allowedSources");
        assertThat(d.message().lines().skip(1)).hasSize(9).allMatch(l -> l.startsWith("- "));
        assertThat(d.message()).startsWith("Refused by ModelPolicy strict:");
    }

    @Test
    void pinnedRevisionsAndDigestsSatisfyTheSupplyChainRules() {
        ModelPolicySpec p = new ModelPolicySpec();
        p.supplyChain = new SupplyChainRules();
        p.supplyChain.requirePinnedRevision = true;
        p.supplyChain.requireImageDigest = true;
        OpenModelSpec s = spec("hf://Qwen/Qwen2.5-7B-Instruct", "apache-2.0");
        s.model.revision = "a09a35458c702b33eeacc393d103063234e8bc28";
        s.serving = new ServingSpec();
        s.serving.image = "docker.io/vllm/vllm-openai@sha256:" + "0".repeat(64);
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", s), PolicyRules.from("p", p)).compliant()).isTrue();

        OpenModelSpec claim = spec("pvc://weights/qwen", "apache-2.0");
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", claim), PolicyRules.from("p", p)).message()).contains("cannot be pinned");
    }

    @Test
    void aDeniedLicenseBeatsItsAllowedCategoryAndSingleLicensesCanBeAllowed() {
        ModelPolicySpec p = new ModelPolicySpec();
        p.licenses = new LicenseRules();
        p.licenses.allow = List.of("permissive");
        p.licenses.denyLicenses = List.of("MIT");
        assertThat(rules(PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://a/b", "mit")), PolicyRules.from("p", p))))
                .containsExactly("licenses.denyLicenses");
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://a/b", "apache-2.0")), PolicyRules.from("p", p)).compliant()).isTrue();
        p.licenses.allowLicenses = List.of("llama3.1");
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://a/b", "llama3.1")), PolicyRules.from("p", p)).compliant()).isTrue();
        assertThat(rules(PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://a/b", "gemma")), PolicyRules.from("p", p))))
                .containsExactly("licenses.allow");
    }

    @Test
    void anEmptyPolicyStillRefusesUnknownNonCommercialAndProprietaryLicenses() {
        PolicyRules empty = PolicyRules.from("empty", new ModelPolicySpec());
        for (String license : List.of("Our own license", "cc-by-nc-4.0", "proprietary")) {
            PolicyDecision d = PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://a/b", license)), empty);
            assertThat(rules(d)).as(license).containsExactly("licenses.deny");
            assertThat(d.message()).contains("refused unless licenses.allow names the category");
        }
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://a/b", "apache-2.0")), empty).compliant()).isTrue();
        ModelPolicySpec nc = new ModelPolicySpec();
        nc.licenses = new LicenseRules();
        nc.licenses.allowLicenses = List.of("cc-by-nc-4.0");
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://a/b", "cc-by-nc-4.0")), PolicyRules.from("nc", nc)).compliant())
                .as("named explicitly").isTrue();
    }

    @Test
    void allowedSourcesMatchWholePathSegments() {
        ModelPolicySpec p = new ModelPolicySpec();
        p.supplyChain = new SupplyChainRules();
        p.supplyChain.allowedSources = List.of("hf://ibm-granite");
        PolicyRules rules = PolicyRules.from("p", p);
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://ibm-granite/granite-3.3-8b-instruct", "apache-2.0")), rules).compliant())
                .isTrue();
        assertThat(rules(PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://ibm-granite-evil/granite", "apache-2.0")), rules)))
                .containsExactly("supplyChain.allowedSources");
    }

    @Test
    void imageOverridesComeFromTheEnginesRepositoryUnlessThePolicyListsOthers() {
        OpenModelSpec own = spec("hf://a/b", "apache-2.0");
        own.serving = new ServingSpec();
        own.serving.image = "docker.io/vllm/vllm-openai:v0.12.0";
        assertThat(builtIn(own).compliant()).isTrue();
        OpenModelSpec other = spec("hf://a/b", "apache-2.0");
        other.serving = new ServingSpec();
        other.serving.image = "docker.io/vllm/vllm-openai-evil:latest";
        assertThat(rules(builtIn(other))).containsExactly("supplyChain.allowedImages");
        ModelPolicySpec p = new ModelPolicySpec();
        p.supplyChain = new SupplyChainRules();
        p.supplyChain.allowedImages = List.of("registry.example.com/ml", "ghcr.io/x/y@sha256:" + "1".repeat(64));
        other.serving.image = "registry.example.com/ml/vllm:1";
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", other), PolicyRules.from("p", p)).compliant()).isTrue();
        other.serving.image = "registry.example.com/mlx/vllm:1";
        assertThat(rules(PolicyEngine.decide(ModelAssessor.facts("m", other), PolicyRules.from("p", p)))).containsExactly("supplyChain.allowedImages");
        other.serving.image = "ghcr.io/x/y@sha256:" + "1".repeat(64);
        assertThat(PolicyEngine.decide(ModelAssessor.facts("m", other), PolicyRules.from("p", p)).compliant()).isTrue();
    }

    @Test
    void auditAllowsServingDespiteViolations() {
        ModelPolicySpec p = new ModelPolicySpec();
        p.enforcement = Enforcement.Audit;
        p.licenses = new LicenseRules();
        p.licenses.requireOsiApproved = true;
        PolicyDecision d = PolicyEngine.decide(ModelAssessor.facts("m", spec("hf://a/b", "llama3.1")), PolicyRules.from("audit", p));
        assertThat(d.compliant()).isFalse();
        assertThat(d.allowsServing()).isTrue();
        assertThat(d.message()).startsWith("Audit findings of ModelPolicy audit:");
    }
}
