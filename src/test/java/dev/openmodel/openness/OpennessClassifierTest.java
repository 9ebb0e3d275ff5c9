package dev.openmodel.openness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.openmodel.license.LicenseResolver;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpennessClassifierTest {

    static MofDocument mof(String resource) throws Exception {
        try (InputStream in = OpennessClassifierTest.class.getResourceAsStream("/mof/" + resource)) {
            return MofDocument.read(new ObjectMapper(new YAMLFactory()).readTree(in));
        }
    }

    /** A release from component/license pairs, each license the component's own. */
    static MofRelease release(String... componentLicensePairs) {
        Map<MofComponent, MofRelease.ComponentLicense> components = new LinkedHashMap<>();
        for (int i = 0; i < componentLicensePairs.length; i += 2) {
            components.put(MofComponent.fromName(componentLicensePairs[i]).orElseThrow(),
                    MofRelease.ComponentLicense.own(componentLicensePairs[i + 1]));
        }
        return new MofRelease("test", Map.of(), components);
    }

    static final String[] CLASS_III = {"model-architecture", "Apache-2.0", "model-parameters-final", "CDLA-Permissive-2.0",
        "evaluation-results", "CC-BY-4.0", "model-card", "CC-BY-4.0", "data-card", "CC-BY-4.0", "technical-report", "CC-BY-4.0"};

    @Test
    void pythiaIsClassIOpenScience() throws Exception {
        MofDocument pythia = mof("pythia-6.9b.yml");
        OpennessAssessment a = OpennessClassifier.assess(pythia.release(), LicenseResolver.resolve("apache-2.0"));
        assertThat(a.mofClass()).isEqualTo("ClassI");
        assertThat(a.osaid()).isTrue();
        assertThat(a.verdict()).isEqualTo("open-source");
        assertThat(a.missing()).isEmpty();
        // Apache-2.0 (a code and document license) on the weights and data is open but not type-appropriate.
        assertThat(a.conditional()).isTrue();
        assertThat(a.report("ClassI").notTypeAppropriate()).contains("model-parameters-final", "datasets");
    }

    @Test
    void everyClassIIIComponentUnderATypeAppropriateLicenseIsAnUnconditionalClassIII() {
        OpennessAssessment a = OpennessClassifier.assess(release(CLASS_III), null);
        assertThat(a.mofClass()).isEqualTo("ClassIII");
        assertThat(a.conditional()).isFalse();
        assertThat(a.meets("ClassIII", false)).isTrue();
        assertThat(a.meets("ClassII", true)).isFalse();
        assertThat(a.missing()).containsExactly("training-code (missing)", "inference-code (missing)", "evaluation-code (missing)",
                "evaluation-data (missing)");
    }

    /** The first issue: a model that declares nothing but an open license is not Class III. */
    @Test
    void aModelThatDeclaresOnlyItsWeightsIsUnclassified() {
        OpennessAssessment a = OpennessClassifier.assess(release("model-parameters-final", "Apache-2.0"), LicenseResolver.resolve("apache-2.0"));
        assertThat(a.mofClass()).isEqualTo("Unclassified");
        assertThat(a.meets("ClassIII", true)).isFalse();
        assertThat(a.openWeights()).isTrue();
        assertThat(a.report("ClassIII").missing()).containsExactly("model-architecture", "technical-report", "evaluation-results",
                "model-card", "data-card");
    }

    /** Granite 3.3 as declared in deploy/samples: no data card and no evaluation results. */
    @Test
    void graniteWithoutDataCardOrEvaluationResultsIsUnclassified() {
        OpennessAssessment a = OpennessClassifier.assess(release("model-parameters-final", "Apache-2.0", "model-architecture", "Apache-2.0",
                "model-card", "Apache-2.0", "technical-report", "CC-BY-4.0"), LicenseResolver.resolve("apache-2.0"));
        assertThat(a.mofClass()).isEqualTo("Unclassified");
        assertThat(a.missing()).contains("data-card (missing)", "evaluation-results (missing)");
        assertThat(a.findings()).anyMatch(f -> f.startsWith("open-washing: the model is released under Apache-2.0"));
    }

    @Test
    void conditionalMeansEveryRequiredComponentIsOpenButSomeLicenseIsNotForItsType() {
        String[] components = CLASS_III.clone();
        components[3] = "MIT"; // weights (data) under a code license
        OpennessAssessment a = OpennessClassifier.assess(release(components), null);
        assertThat(a.mofClass()).isEqualTo("ClassIII");
        assertThat(a.conditional()).isTrue();
        assertThat(a.report("ClassIII").notTypeAppropriate()).containsExactly("model-parameters-final");
        assertThat(a.meets("ClassIII", false)).isFalse();
        assertThat(a.meets("ClassIII", true)).isTrue();
        assertThat(a.findings()).anyMatch(f -> f.startsWith("ClassIII is met conditionally: model-parameters-final (data) under MIT"));
    }

    @Test
    void aClassIsNeverMetWhileARequiredComponentIsNotOpen() {
        String[] components = CLASS_III.clone();
        components[7] = "CC-BY-NC-4.0"; // model card not open
        OpennessAssessment a = OpennessClassifier.assess(release(components), null);
        assertThat(a.mofClass()).isEqualTo("Unclassified");
        assertThat(a.report("ClassIII").notOpen()).containsExactly("model-card");
    }

    @Test
    void llamaIsUnclassifiedWithRestrictedWeights() throws Exception {
        MofDocument llama = mof("llama-3.1-8b.yml");
        OpennessAssessment a = OpennessClassifier.assess(llama.release(), LicenseResolver.resolve("llama3.1"));
        assertThat(a.mofClass()).isEqualTo("Unclassified");
        assertThat(a.openWeights()).isFalse();
        assertThat(a.verdict()).isEqualTo("restricted-weights");
        assertThat(a.osaid()).isFalse();
        assertThat(a.report("ClassIII").notOpen()).contains("model-architecture", "model-parameters-final", "technical-report");
        assertThat(a.report("ClassI").unlicensed()).containsExactly("datasets");
    }

    @Test
    void aResearchPaperStandsInForTheTechnicalReport() {
        String[] components = CLASS_III.clone();
        components[10] = "research-paper";
        OpennessAssessment a = OpennessClassifier.assess(release(components), null);
        assertThat(a.mofClass()).isEqualTo("ClassIII");
        assertThat(a.report("ClassIII").missing()).doesNotContain("technical-report");
    }

    @Test
    void licenseIdsAreMatchedExactlyAsTheToolDoesAndOtherSpellingsAreExplained() {
        String[] components = CLASS_III.clone();
        components[1] = "Apache 2.0";
        OpennessAssessment a = OpennessClassifier.assess(release(components), null);
        assertThat(a.mofClass()).isEqualTo("Unclassified");
        assertThat(a.report("ClassIII").notOpen()).containsExactly("model-architecture");
        assertThat(a.findings()).anyMatch(f -> f.startsWith("model-architecture: 'Apache 2.0' is not a license id the MOF tool knows")
                && f.contains("reads as Apache-2.0"));
    }

    @Test
    void unlicensedComponentsDoNotInheritTheReleaseWideLicense() {
        MofRelease r = new MofRelease("t", Map.of("distribution", "Apache-2.0"), Map.of(MofComponent.MODEL_ARCHITECTURE,
                MofRelease.ComponentLicense.UNLICENSED, MofComponent.MODEL_CARD, MofRelease.ComponentLicense.INHERITED));
        assertThat(r.licenseOf(MofComponent.MODEL_ARCHITECTURE)).isNull();
        assertThat(r.licenseOf(MofComponent.MODEL_CARD)).isEqualTo("Apache-2.0");
        MofRelease typed = new MofRelease("t", Map.of("distribution", "Apache-2.0", "document", "CC-BY-4.0"),
                Map.of(MofComponent.MODEL_CARD, MofRelease.ComponentLicense.INHERITED));
        assertThat(typed.licenseOf(MofComponent.MODEL_CARD)).isEqualTo("CC-BY-4.0");
    }

    @Test
    void weightsMoreRestrictiveThanTheDeclaredLicenseAreFlagged() {
        OpennessAssessment a = OpennessClassifier.assess(release("model-parameters-final", "llama3.1"), LicenseResolver.resolve("apache-2.0"));
        assertThat(a.openWeights()).isFalse();
        assertThat(a.findings()).anyMatch(f -> f.contains("more restrictive than the declared license Apache-2.0"));
    }
}
