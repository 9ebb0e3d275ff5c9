package dev.openmodel.openness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.openmodel.license.LicenseResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpennessClassifierTest {

    static MofModelFile mof(String resource) throws IOException {
        try (InputStream in = OpennessClassifierTest.class.getResourceAsStream("/mof/" + resource)) {
            return MofModelFile.from(new ObjectMapper(new YAMLFactory()).readTree(in));
        }
    }

    static DeclaredComponent c(String name, String license) {
        return new DeclaredComponent(MofComponent.fromName(name).orElseThrow(), license);
    }

    @Test
    void pythiaIsClassIOpenScience() throws IOException {
        MofModelFile pythia = mof("pythia-6.9b.yml");
        OpennessAssessment a = OpennessClassifier.assess(pythia.components(), LicenseResolver.resolve(pythia.distributionLicense()));
        assertThat(a.mofClass()).isEqualTo("ClassI");
        assertThat(a.conditional()).isFalse();
        assertThat(a.osaid()).isTrue();
        assertThat(a.verdict()).isEqualTo("open-source");
        assertThat(a.missing()).isEmpty();
    }

    /** OLMo 2 as declared in deploy/samples: code, data, checkpoints and papers all released. */
    @Test
    void olmoIsClassI() {
        List<DeclaredComponent> olmo = List.of(
                c("model-parameters-final", "Apache-2.0"), c("model-parameters-intermediate", "Apache-2.0"),
                c("model-architecture", "Apache-2.0"), c("training-code", "Apache-2.0"), c("inference-code", "Apache-2.0"),
                c("evaluation-code", "Apache-2.0"), c("data-preprocessing-code", "Apache-2.0"), c("datasets", "ODC-By-1.0"),
                c("evaluation-data", "ODC-By-1.0"), c("model-card", "Apache-2.0"), c("data-card", "ODC-By-1.0"),
                c("technical-report", "CC-BY-4.0"), c("research-paper", "CC-BY-4.0"), c("evaluation-results", "CC-BY-4.0"));
        OpennessAssessment a = OpennessClassifier.assess(olmo, LicenseResolver.resolve("apache-2.0"));
        assertThat(a.mofClass()).isEqualTo("ClassI");
        assertThat(a.osaid()).isTrue();
    }

    /** Granite 3.3 as declared in deploy/samples: Apache-2.0 weights, card and report, no training code or data. */
    @Test
    void graniteIsClassIIIAndNotOpenSourceAi() {
        List<DeclaredComponent> granite = List.of(c("model-parameters-final", "Apache-2.0"), c("model-architecture", "Apache-2.0"),
                c("model-card", "Apache-2.0"), c("technical-report", "CC-BY-4.0"));
        OpennessAssessment a = OpennessClassifier.assess(granite, LicenseResolver.resolve("apache-2.0"));
        assertThat(a.mofClass()).isEqualTo("ClassIII");
        assertThat(a.conditional()).isTrue();
        assertThat(a.osaid()).isFalse();
        assertThat(a.openWeights()).isTrue();
        assertThat(a.verdict()).isEqualTo("open-weights");
        assertThat(a.missing()).contains("training-code", "inference-code", "evaluation-code", "evaluation-data");
        assertThat(a.findings()).anyMatch(f -> f.startsWith("open-washing: the model is released under Apache-2.0"));
    }

    @Test
    void llamaIsUnclassifiedWithRestrictedWeights() throws IOException {
        MofModelFile llama = mof("llama-3.1-8b.yml");
        OpennessAssessment a = OpennessClassifier.assess(llama.components(), LicenseResolver.resolve("llama3.1"));
        assertThat(a.mofClass()).isEqualTo("Unclassified");
        assertThat(a.openWeights()).isFalse();
        assertThat(a.verdict()).isEqualTo("restricted-weights");
        assertThat(a.osaid()).isFalse();
        assertThat(a.missing()).contains("model-architecture", "model-parameters-final");
        assertThat(llama.components()).extracting(DeclaredComponent::component).doesNotContain(MofComponent.DATASETS, MofComponent.TRAINING_CODE);
    }

    @Test
    void withoutADeclarationTheModelsLicenseGovernsTheWeights() {
        OpennessAssessment apache = OpennessClassifier.assess(List.of(), LicenseResolver.resolve("apache-2.0"));
        assertThat(apache.mofClass()).isEqualTo("ClassIII");
        assertThat(apache.openWeights()).isTrue();
        assertThat(apache.findings()).anyMatch(f -> f.startsWith("no openness declaration"));

        OpennessAssessment nc = OpennessClassifier.assess(List.of(), LicenseResolver.resolve("cc-by-nc-4.0"));
        assertThat(nc.mofClass()).isEqualTo("Unclassified");
        assertThat(nc.verdict()).isEqualTo("restricted-weights");
    }

    @Test
    void aResearchPaperCountsAsTheTechnicalReport() {
        List<DeclaredComponent> components = new ArrayList<>(List.of(c("model-architecture", "MIT"), c("model-parameters-final", "MIT"),
                c("evaluation-results", "CC-BY-4.0"), c("model-card", "CC-BY-4.0"), c("data-card", "CC-BY-4.0"),
                c("research-paper", "CC-BY-4.0")));
        OpennessAssessment a = OpennessClassifier.assess(components, LicenseResolver.resolve("MIT"));
        assertThat(a.mofClass()).isEqualTo("ClassIII");
        assertThat(a.conditional()).isFalse();
    }

    @Test
    void codeUnderANonOpenLicenseDoesNotCountAndIsReported() {
        List<DeclaredComponent> components = List.of(c("model-parameters-final", "Apache-2.0"), c("training-code", "CC-BY-NC-4.0"));
        OpennessAssessment a = OpennessClassifier.assess(components, LicenseResolver.resolve("apache-2.0"));
        assertThat(a.missing()).contains("training-code");
        assertThat(a.findings()).anyMatch(f -> f.startsWith("training-code is released under CC-BY-NC-4.0"));
    }

    @Test
    void weightsMoreRestrictiveThanTheDeclaredLicenseAreFlagged() {
        OpennessAssessment a = OpennessClassifier.assess(List.of(c("model-parameters-final", "llama3.1")), LicenseResolver.resolve("apache-2.0"));
        assertThat(a.openWeights()).isFalse();
        assertThat(a.findings()).anyMatch(f -> f.contains("more restrictive than the declared license Apache-2.0"));
    }

    @Test
    void mofToolNamesAndOurIdsNameTheSameComponents() {
        assertThat(MofComponent.fromName("Model parameters (Final)")).contains(MofComponent.MODEL_PARAMETERS_FINAL);
        assertThat(MofComponent.fromName("model-parameters-final")).contains(MofComponent.MODEL_PARAMETERS_FINAL);
        assertThat(MofComponent.fromName("Supporting libraries and tools")).contains(MofComponent.SUPPORTING_LIBRARIES);
        assertThat(MofComponent.values()).hasSize(17);
    }
}
